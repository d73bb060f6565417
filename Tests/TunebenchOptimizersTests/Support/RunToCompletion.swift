import Tunebench

/// Runs `optimizer` until it stops, evaluating each suggestion with `objective` (`nil` for a failed evaluation) after
/// checking it against `space`; returns the suggestions in order.
func run(
    _ optimizer: inout any Optimizer, _ space: SearchSpace, _ objective: (Configuration) throws -> Double?
) throws -> [Configuration] {
    var trace: [Configuration] = []
    while let suggestion = try optimizer.ask() {
        try space.validate(suggestion.configuration)
        trace.append(suggestion.configuration)
        try optimizer.tell(Observation(suggestion, value: objective(suggestion.configuration)))
    }
    return trace
}
