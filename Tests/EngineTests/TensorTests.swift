@testable import Engine
import Testing

@Suite struct TensorTests {
    @Test func initializingWithHoldsWhatTheClosureWrote() {
        let t = Tensor(shape: [2, 3]) { p in
            for i in 0..<6 { (p! + i).initialize(to: Float(i) * 1.5) }
        }
        #expect(t.shape == [2, 3])
        #expect(t.scalars == [0, 1.5, 3, 4.5, 6, 7.5])
    }

    @Test func initializingWithAnEmptyShapeGivesNoMemory() {
        var handed: UnsafeMutablePointer<Float>? = UnsafeMutablePointer(bitPattern: 1)
        let t = Tensor(shape: [0, 4]) { handed = $0 }
        #expect(handed == nil)
        #expect(t.count == 0 && t.shape == [0, 4])
    }
}
