/// A binary min-heap (J. W. J. Williams, "Algorithm 232: Heapsort", CACM 7(6), 1964): `push` and `popMinimum` in
/// `O(log n)`, the minimum in `O(1)`. Elements that compare equal leave in no particular order, so the simulation
/// keys its events by fields that never tie (the trial number last).
struct MinimumHeap<Element: Comparable> {
    private var elements: [Element] = []

    var isEmpty: Bool { elements.isEmpty }
    var count: Int { elements.count }
    var minimum: Element? { elements.first }

    mutating func push(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[child] < elements[parent] else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMinimum() -> Element? {
        guard let last = elements.popLast() else { return nil }
        guard !elements.isEmpty else { return last }
        let top = elements[0]
        elements[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < elements.count else { break }
            let right = left + 1
            let smaller = right < elements.count && elements[right] < elements[left] ? right : left
            guard elements[smaller] < elements[parent] else { break }
            elements.swapAt(smaller, parent)
            parent = smaller
        }
        return top
    }
}
