import Testing
import TunebenchCore

struct ConfigurationValidationTests {
    let space = try! SearchSpace([
        .categorical("model", choices: ["linear", "forest"]),
        .real("alpha", lower: 0, upper: 1, when: .init(parent: "model", values: ["linear"])),
        .integer("trees", lower: 1, upper: 10, when: .init(parent: "model", values: ["forest"])),
    ])

    private func reason(_ values: [ParameterValue?]) -> String? {
        do {
            try space.validate(Configuration(values))
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func validConfigurationsPass() {
        #expect(reason([.categorical(0), .real(0.5), nil]) == nil)
        #expect(reason([.categorical(1), nil, .integer(10)]) == nil)
    }

    @Test func eachBrokenRuleIsNamed() {
        #expect(reason([.categorical(0), .real(0.5)])?.contains("2 values but the space has 3") == true)
        #expect(reason([.categorical(0), .real(1.5), nil])?.contains("'alpha': value 1.5 is outside [0.0, 1.0]") == true)
        #expect(reason([.categorical(0), .real(.nan), nil])?.contains("not finite") == true)
        #expect(reason([.categorical(0), nil, nil])?.contains("active parameter 'alpha' has no value") == true)
        #expect(reason([.categorical(0), .real(0.5), .integer(3)])?.contains("'trees' is inactive") == true)
        #expect(reason([.categorical(2), nil, nil])?.contains("choice index 2") == true)
        #expect(reason([.categorical(1), nil, .real(3)])?.contains("real value") == true)
        #expect(reason([.categorical(1), nil, .integer(0)])?.contains("outside [1, 10]") == true)
    }

    @Test func describeNamesChoicesAndSkipsInactive() {
        #expect(space.describe(Configuration([.categorical(1), nil, .integer(4)])) == "model=forest, trees=4")
        let record = space.record(Configuration([.categorical(0), .real(0.25), nil]))
        #expect(record == [.choice("linear"), .number(0.25), nil])
    }
}
