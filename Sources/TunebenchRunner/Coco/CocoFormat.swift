#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C `printf` conversions, for the number formats of COCO's data files (`%+10.9e`, `%+5.4e`, `%.1e`, `%13.12e`,
/// `%.3e`), which must come out exactly as COCO's C logger writes them.
enum CocoFormat {
    /// `value` formatted by the C library's `snprintf` with `format`, a single `double` conversion.
    static func c(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = withVaList([value]) { arguments in
            vsnprintf(&buffer, buffer.count, format, arguments)
        }
        precondition(count >= 0 && count < buffer.count, "a number formatted as \(format) does not fit 64 bytes")
        return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
