import ArgumentParser

/// `--json` or `--csv` for the operator commands that print lists (`logs`, `transactions`,
/// `stats`); neither means the table a person reads.
struct ListFormatOption: ParsableArguments {
    @Flag(name: .long, help: "Print JSON (one object per line where the list streams).")
    var json = false

    @Flag(name: .long, help: "Print CSV (RFC 4180) with a header line.")
    var csv = false

    func validate() throws {
        if self.json, self.csv { throw ValidationError("choose --json or --csv, not both") }
    }
}
