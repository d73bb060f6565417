import Testing
import TunebenchCore
import TunebenchRunner

struct PlanTests {
    let experiment = Experiment(
        name: "p", repetitions: 3, budget: 4, optimizers: [EntrySpec("a"), EntrySpec("b")],
        problems: [EntrySpec("x"), EntrySpec("y")])

    @Test func planOrdersProblemsThenOptimizersThenRepetitions() {
        let runs = Plan(experiment).runs
        #expect(runs.count == 12)
        #expect(runs.map(\.index) == Array(0..<12))
        #expect(runs[0].problem.label == "x" && runs[0].optimizer.label == "a" && runs[0].repetition == 0)
        #expect(runs[3].optimizer.label == "b" && runs[6].problem.label == "y" && runs[11].repetition == 2)
    }

    @Test(arguments: [1, 2, 3, 5, 12, 13])
    func shardsPartitionThePlan(count: Int) throws {
        let plan = Plan(experiment)
        var seen: [Int] = []
        for k in 1...count {
            seen += plan.runs(in: try Shard(index: k, count: count)).map(\.index)
        }
        #expect(seen.sorted() == Array(0..<12))
    }

    @Test func shardTextIsChecked() throws {
        #expect(try Shard(parsing: "2/4") == Shard(index: 2, count: 4))
        for bad in ["0/4", "5/4", "1/0", "a/b", "1", "1/2/3", "-1/2"] {
            #expect(throws: RunnerError.invalidShard(bad)) { try Shard(parsing: bad) }
        }
    }
}
