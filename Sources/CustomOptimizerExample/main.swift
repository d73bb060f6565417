// The optimizer of docs/adding-an-optimizer.md (LocalSearch.swift, which the page shows verbatim), registered in a copy
// of the built-in registry and run with the command line: `swift run CustomOptimizerExample run --optimizers
// random,local-search --problems branin`. A package of your own puts LocalSearch.swift in a library target and this
// file in an executable target that imports it (the page shows how, and a test builds that package).

import Tunebench
import TunebenchCLI

var registry = Registry.builtin
try registry.register(LocalSearch.entry)
TunebenchCommand.main(registry: registry)
