import Foundation
import TunebenchCore

/// A list of COCO instance numbers, as the `instances` option of the bbob entries gives it: numbers and ranges
/// separated by commas, `1-5,101-110`, in order, repeats allowed (COCO's BBOB-2009 campaign ran `1-5,1-5,1-5`).
///
/// Repetition `k` of an experiment runs the instance at position `k mod n` of the list (``instance(forRepetition:)``),
/// so that `n` repetitions run each listed instance once, and more repetitions start the list over, as COCO's 2009
/// protocol ran three trials on each of instances 1–5.
public struct BBOBInstanceList: Sendable, Hashable {
    /// The ranges, in order (a single number is a range of one).
    public let ranges: [ClosedRange<Int>]

    /// The number of instances listed, repeats counted.
    public let count: Int

    /// Parses `text`.
    ///
    /// - Parameters:
    ///   - text: numbers `i` and ranges `a-b` (`a ≤ b`) of instances in 1 ... ``BBOBProblem/largestInstance``,
    ///     separated by commas; spaces around items are ignored.
    ///   - entry: the registry entry whose option this is, for the message.
    ///   - option: the option's name, for the message.
    /// - Throws: `CoreError.invalidOption(entry:option:value:expected:)`, naming the entry, the option, the whole
    ///   value and what is wrong with which item.
    public init(parsing text: String, entry: String, option: String = "instances") throws {
        func reject(_ problem: String) -> CoreError {
            CoreError.invalidOption(
                entry: entry, option: option, value: "'\(text)'",
                expected: "instance numbers from 1 to \(BBOBProblem.largestInstance) and ranges A-B separated by "
                    + "commas, such as 1-5,101-110 (\(problem))")
        }
        func number(_ item: Substring, in whole: Substring) throws -> Int {
            let digits = item.trimmingCharacters(in: .whitespaces)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else {
                throw reject("'\(whole.trimmingCharacters(in: .whitespaces))' is not a number or a range")
            }
            guard (1...BBOBProblem.largestInstance).contains(value) else {
                throw reject("instance \(digits) is out of range")
            }
            return value
        }
        var ranges: [ClosedRange<Int>] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw reject(text.trimmingCharacters(in: .whitespaces).isEmpty ? "it is empty" : "an item is empty")
            }
            let bounds = item.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            let first = try number(bounds[0], in: item)
            let last = bounds.count == 2 ? try number(bounds[1], in: item) : first
            guard first <= last else {
                throw reject("the range \(first)-\(last) is decreasing")
            }
            ranges.append(first...last)
        }
        self.ranges = ranges
        count = ranges.map(\.count).reduce(0, +)
    }

    /// The instances listed, in order.
    public var instances: [Int] {
        ranges.flatMap { Array($0) }
    }

    /// The instance of repetition `repetition`: the one at position `repetition mod count`.
    ///
    /// - Parameter repetition: 0 for the first repetition.
    public func instance(forRepetition repetition: Int) -> Int {
        var position = repetition % count
        for range in ranges {
            if position < range.count { return range.lowerBound + position }
            position -= range.count
        }
        preconditionFailure("position \(position) past \(count) instances")
    }
}

extension Character {
    /// Whether this is one of the ten ASCII digits.
    fileprivate var isASCIIDigit: Bool {
        ("0"..."9").contains(self)
    }
}
