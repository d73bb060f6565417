import Foundation
import Testing
import TunebenchTestSupport

/// The probe behind the `.python(...)` trait names every missing module, not only the first, and installs them
/// by their pip names.
@Suite(.python())
struct PythonProbeTests {
    @Test func everyMissingModuleIsNamedWithItsPipDistribution() {
        let absent = PythonModule("tunebench_absent_module", pip: "tunebench-absent")
        let other = PythonModule("tunebench_other_absent")
        #expect(Python.missing(["json", "os"]) == nil)
        #expect(Python.missing(["json", absent.name]) == "the Python module tunebench_absent_module is missing")
        #expect(
            Python.unavailability(of: [PythonModule("json"), absent, other])
                == "the Python modules tunebench_absent_module, tunebench_other_absent are missing; install with: "
                + "pip install tunebench-absent tunebench_other_absent")
        #expect(Python.unimportable(["json", other.name]).map(\.module) == [other.name])
    }
}
