import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension PrivateCUPS {
    /// cupsd.conf for a private scheduler (cups-printing.md §2.1 and §5; the layout follows
    /// CUPS's own test harness, `test/run-stp-tests.sh`).
    var schedulerConfiguration: String {
        """
        LogLevel info
        LogTimeFormat usecs
        MaxLogSize 0
        Listen 127.0.0.1:\(self.schedulerPort)
        Listen \(self.socketPath)
        Browsing Off
        WebInterface No
        DefaultAuthType Basic
        PreserveJobHistory Yes
        PreserveJobFiles No
        <Location />
          Order allow,deny
          Allow localhost
        </Location>
        <Policy default>
          JobPrivateAccess default
          JobPrivateValues default
          SubscriptionPrivateAccess default
          SubscriptionPrivateValues default
          <Limit Create-Job Print-Job Print-URI Validate-Job>
            Order deny,allow
          </Limit>
          <Limit Send-Document Send-URI Hold-Job Release-Job Restart-Job Purge-Jobs Set-Job-Attributes Create-Job-Subscription Renew-Subscription Cancel-Subscription Get-Notifications Reprocess-Job Cancel-Current-Job Suspend-Current-Job Resume-Job Cancel-My-Jobs Close-Job CUPS-Move-Job CUPS-Get-Document>
            Require user @OWNER @SYSTEM
            Order deny,allow
          </Limit>
          <Limit CUPS-Add-Modify-Printer CUPS-Delete-Printer CUPS-Add-Modify-Class CUPS-Delete-Class CUPS-Set-Default CUPS-Get-Devices Pause-Printer Resume-Printer Enable-Printer Disable-Printer Hold-New-Jobs Release-Held-New-Jobs CUPS-Accept-Jobs CUPS-Reject-Jobs Cancel-Jobs>
            AuthType Default
            Require user @SYSTEM
            Order deny,allow
          </Limit>
          <Limit Cancel-Job CUPS-Authenticate-Job>
            Require user @OWNER @SYSTEM
            Order deny,allow
          </Limit>
          <Limit All>
            Order deny,allow
          </Limit>
        </Policy>

        """
    }

    /// cups-files.conf: every path inside the rig's folder (§2.1).
    var filesConfiguration: String {
        let cups = self.directory.appendingPathComponent("cups").path
        var text = """
            ServerRoot \(cups)
            RequestRoot \(cups)/spool
            TempDir \(cups)/spool/tmp
            CacheDir \(cups)/cache
            StateDir \(cups)/state
            AccessLog \(cups)/log/access_log
            ErrorLog \(cups)/log/error_log
            PageLog \(cups)/log/page_log
            Printcap
            SystemGroup \(Self.groupName(getgid()))

            """
        if getuid() != 0 {
            // An ordinary user's cupsd runs as that user (§2.3).
            text += "User \(String(cString: getpwuid(getuid()).pointee.pw_name))\nGroup \(Self.groupName(getgid()))\n"
        }
        return text
    }

    static func groupName(_ gid: gid_t) -> String {
        guard let group = getgrgid(gid) else { return String(gid) }
        return String(cString: group.pointee.gr_name)
    }

    /// The simulator's `-c` hook (§3.2): what `SIM_CONTROL` says decides the job's fate.
    static let hookScript = """
        #!/bin/sh
        # ippeveprinter print command: $1 is the spooled document; stdout becomes <spool>/<id>-<name>.prn.
        mode=$(cat "$SIM_CONTROL" 2>/dev/null || true)
        while [ "$mode" = jam ] || [ "$mode" = door ]; do
          [ "$mode" = jam ] && echo "STATE: +media-jam" >&2
          [ "$mode" = door ] && echo "STATE: +cover-open" >&2
          sleep 0.2; mode=$(cat "$SIM_CONTROL" 2>/dev/null || true)
        done
        # an engine failure mid-page: the device aborts the job, cupsd reports it cancelled (§1.4 F)
        [ "$mode" = fail ] && { sleep 0.5; echo "ERROR: simulated engine failure" >&2; exit 1; }
        echo "STATE: -media-jam,cover-open" >&2
        cat "$1"

        """

    /// Sets what the simulated engine does with jobs.
    public func setEngine(_ mode: EngineMode) throws {
        try (mode.rawValue + "\n").write(to: self.directory.appendingPathComponent("sim/control"), atomically: true, encoding: .utf8)
    }

    /// Sets the paper level of the main tray (0 = out of paper) through the simulator's web form
    /// (§3.3; every tray must be given, or unlisted ones count as empty).
    public func setPaper(level: Int) throws {
        try self.simulatorForm(
            "media?size1=iso_a4_210x297mm&type1=stationery&level1=\(level)&size3=iso_a4_210x297mm&type3=stationery&level3=250")
    }

    /// Sets the waste container and toner levels in percent (§3.3: `toner < 10` is toner low).
    public func setSupplies(waste: Int, toner: Int) throws {
        try self.simulatorForm("supplies?supply0=\(waste)&supply1=\(toner)")
    }

    private func simulatorForm(_ path: String) throws {
        try CommandLineTool.run("curl", ["-fsS", "-o", "/dev/null", "http://localhost:\(self.printerPort)/\(path)"])
    }

    /// The documents the simulated printer received, oldest first.
    public func receivedDocuments() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: self.printerSpool.path)) ?? []
        return names.filter { $0.hasSuffix(".pdf") }
            .sorted { (Int($0.prefix { $0.isNumber }) ?? 0) < (Int($1.prefix { $0.isNumber }) ?? 0) }
            .map { self.printerSpool.appendingPathComponent($0) }
    }

    /// Documents the simulated engine finished printing (`.prn` outputs of the hook).
    public func printedOutputs() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: self.printerSpool.path)) ?? []
        return names.filter { $0.hasSuffix(".prn") }.sorted().map { self.printerSpool.appendingPathComponent($0) }
    }
}
