import Testing
import Reports

@Suite struct FixedDecimalTests {
    @Test(arguments: [
        (0.5, 4, "0.5000"), (0.12345, 4, "0.1235"), (0.12344, 4, "0.1234"), (-0.12345, 4, "-0.1235"),
        (2.5, 0, "3"), (-2.5, 0, "-3"), (0.4, 0, "0"), (9.99995, 4, "10.0000"), (123.456, 2, "123.46"),
        (1e-5, 4, "0.0000"), (5e-5, 4, "0.0001"), (1.2345e20, 1, "123450000000000000000.0"),
        (0.0, 3, "0.000"), (-1.5, 3, "-1.500"), (1234567.0, 0, "1234567"),
    ])
    func roundsHalfAwayFromZeroWithoutExponent(value: Double, decimals: Int, expected: String) {
        #expect(value.fixed(decimals) == expected)
    }

    @Test(arguments: [-0.0, -0.00001, -0.00004999])
    func neverWritesNegativeZero(value: Double) {
        #expect(value.fixed(4) == "0.0000")
    }

    @Test func nonFiniteValuesReadBack() {
        #expect(Double.nan.fixed(4) == "nan")
        #expect(Double.infinity.fixed(4) == "inf")
        #expect((-Double.infinity).fixed(4) == "-inf")
        #expect(Double(Double.infinity.fixed(4)) == .infinity)
        #expect(Double(Double.nan.fixed(4))!.isNaN)
    }
}
