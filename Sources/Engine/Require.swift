/// Stops the program with `message` when `condition` is false, in every build configuration.
///
/// The engine compiles with `-Ounchecked` so that debug builds train at full speed, and that
/// setting removes the standard library's `precondition`. The engine checks its callers'
/// contracts (shapes, ranges) with this function instead; none of them sit in a hot loop.
@inlinable
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
