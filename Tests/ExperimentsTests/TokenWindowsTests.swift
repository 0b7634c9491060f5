import Testing
@testable import Experiments

@Suite struct TokenWindowsTests {
    let stream: [Int32] = (0..<23).map(Int32.init)

    @Test func consecutiveRowsContinueFromOneBatchToTheNext() {
        // 23 tokens as 2 rows of 11: 0…10 and 11…21; 10 predictions per row, windows of 4.
        let windows = TokenWindows.consecutive(stream, rows: 2, steps: 4, partial: false)
        #expect(windows.count == 2)
        let first = windows.batch(0), second = windows.batch(1)
        #expect(first.inputs.shape == [2, 4])
        #expect(first.inputs.scalars == [0, 1, 2, 3, 11, 12, 13, 14])
        #expect(first.targets.scalars == [1, 2, 3, 4, 12, 13, 14, 15])
        #expect(second.inputs.scalars == [4, 5, 6, 7, 15, 16, 17, 18])
    }

    @Test func aPartialWindowReadsTheRestForEvaluation() {
        let windows = TokenWindows.consecutive(stream, rows: 2, steps: 4, partial: true)
        #expect(windows.count == 3)
        let last = windows.batch(2)
        #expect(last.inputs.shape == [2, 2])
        #expect(last.inputs.scalars == [8, 9, 19, 20])
        #expect(last.targets.scalars == [9, 10, 20, 21])
    }

    @Test func randomWindowsFollowTheOrderAndDropAnIncompleteBatch() {
        #expect(TokenWindows.windowCount(stream, steps: 4) == 5)
        let windows = TokenWindows.random(stream, rows: 2, steps: 4, order: [3, 0, 4, 1, 2])
        #expect(windows.count == 2)
        #expect(windows.batch(0).inputs.scalars == [12, 13, 14, 15, 0, 1, 2, 3])
        #expect(windows.batch(0).targets.scalars == [13, 14, 15, 16, 1, 2, 3, 4])
        #expect(windows.batch(1).inputs.scalars == [16, 17, 18, 19, 4, 5, 6, 7])
    }
}
