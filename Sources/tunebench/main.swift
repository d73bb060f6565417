// The `tunebench` executable: the command line with the built-in registry. Everything else is in TunebenchCLI.

import Tunebench
import TunebenchCLI

TunebenchCommand.main(registry: .builtin)
