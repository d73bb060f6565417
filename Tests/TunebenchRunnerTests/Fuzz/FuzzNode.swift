import Foundation
import TunebenchCore

/// A JSON document as the fuzzer builds it: members keep their order and may repeat, and a token is written
/// verbatim, so that a document can hold what ``TunebenchCore/JSONWriter`` never writes (`NaN`, `1e999`, `-0`,
/// duplicate keys, invalid UTF-8 inside quotes).
indirect enum FuzzNode: Sendable {
    /// Written as is: a number, a literal, or anything else.
    case token([UInt8])
    /// Written quoted, with JSON escapes.
    case string(String)
    case array([FuzzNode])
    case object([(key: String, value: FuzzNode)])

    /// A token from text.
    static func token(_ text: String) -> FuzzNode { .token(Array(text.utf8)) }

    /// The document of a parsed value, members in key order.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .token("null")
        case .bool(let b): self = .token(b ? "true" : "false")
        case .integer(let k): self = .token("\(k)")
        case .number(let x): self = .token(x.isFinite ? x.description : "null")
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map(FuzzNode.init))
        case .object(let members): self = .object(members.keys.sorted().map { ($0, FuzzNode(members[$0]!)) })
        }
    }

    /// The compact JSON text (strings with the escapes `\"`, `\\` and `\u00XX`).
    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        write(to: &bytes)
        return bytes
    }

    func write(to bytes: inout [UInt8]) {
        switch self {
        case .token(let text):
            bytes += text
        case .string(let s)
        where !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }):
            bytes.append(UInt8(ascii: "\""))
            bytes += s.utf8
            bytes.append(UInt8(ascii: "\""))
        case .string(let s):
            bytes.append(UInt8(ascii: "\""))
            for byte in s.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
                case ..<0x20: bytes += Array(String(format: "\\u%04x", byte).utf8)
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                item.write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                FuzzNode.string(member.key).write(to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                member.value.write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// The number of nodes, this one included.
    var count: Int {
        switch self {
        case .token, .string: return 1
        case .array(let items): return 1 + items.reduce(0) { $0 + $1.count }
        case .object(let members): return 1 + members.reduce(0) { $0 + $1.value.count }
        }
    }

    /// This document with node `target` (in depth-first order, 0 for this node) replaced by `transform` of it.
    func replacing(_ target: Int, with transform: (FuzzNode) -> FuzzNode) -> FuzzNode {
        var next = 0
        return replacing(target, transform, &next)
    }

    /// `next` is the depth-first index of this node; nodes after the target are returned unvisited.
    private func replacing(_ target: Int, _ transform: (FuzzNode) -> FuzzNode, _ next: inout Int) -> FuzzNode {
        let index = next
        next += 1
        guard index < target else { return index == target ? transform(self) : self }
        switch self {
        case .token, .string: return self
        case .array(let items): return .array(items.map { $0.replacing(target, transform, &next) })
        case .object(let members):
            return .object(members.map { ($0.key, $0.value.replacing(target, transform, &next)) })
        }
    }
}
