import Simulators

/// The shared child-process helper (``Simulators/ObservedProcess``) under this target's old names.
typealias ChildProcess = ObservedProcess
typealias ChildProcessError = ObservedProcessError
