import DeviceKit
import KioskCore

extension BillValidatorDriver {
    /// The connection procedure (GA973 §8.3; kassomat `mcSspInitializeDevice`; research B.10),
    /// with reconciliation before anything is enabled:
    ///
    /// 1. SYNC; HOST PROTOCOL VERSION; SETUP REQUEST (channels in the device's currency);
    ///    GET SERIAL NUMBER (anti-swap), firmware and dataset versions.
    /// 2. REJECT: a note still in escrow goes back to the citizen (OK), or there is none (F5).
    ///    Never POLL first: a POLL would accept a held note.
    /// 3. DISABLE; POLL until the unit is quiet, handing every event to reconciliation
    ///    (a credit the last run never saw, notes cleared at power-up, jams).
    /// 4. GET COUNTERS where the unit has them; SET INHIBITS for the accepted notes.
    /// 5. The machine settles the notes left in flight (``BillValidatorMachine/connected(channels:evidence:hasCounters:)``).
    func connect() async {
        self.link?.transport.close()
        self.link = nil
        let transport: any ByteTransport
        do {
            transport = try self.openTransport()
        } catch {
            self.perform(self.machine.connectionFailed(.disconnected("cannot open \(self.configuration.devicePath): \(error)")))
            return
        }
        let link = SSPLink(
            transport: transport, address: self.configuration.address, replyTimeout: self.configuration.replyTimeout,
            attempts: self.configuration.attempts, logger: self.logger)
        do {
            let (channels, evidence, hasCounters) = try await self.setUp(link)
            self.link = link
            self.needsConnection = false
            self.logger.info("validator connected", metadata: ["details": "\(self.details)", "evidence": "\(evidence.events)"])
            self.perform(self.machine.connected(channels: channels, evidence: evidence, hasCounters: hasCounters))
        } catch let error as ValidatorFault {
            transport.close()
            self.perform(self.machine.connectionFailed(error))
        } catch let error as SSPLinkError {
            transport.close()
            let fault: ValidatorFault = error.isTransportFailure ? .disconnected(error.description) : .noReply(error.description)
            self.perform(self.machine.connectionFailed(fault))
        } catch {
            transport.close()
            self.perform(self.machine.connectionFailed(.protocolViolation("\(error)")))
        }
    }

    private func setUp(_ link: SSPLink) async throws -> (channels: [Int: Money], evidence: ValidatorEvidence, hasCounters: Bool?) {
        await link.resynchronise()
        let version = self.configuration.protocolVersion
        let versionReply = try await link.execute(.hostProtocolVersion(version))
        switch versionReply.code {
        case .ok: break
        case .keyNotSet:
            throw ValidatorFault.configuration(
                "the validator forces encryption (eSSP answered KEY NOT SET); OneTrip speaks plain SSP to note acceptors: switch forced encryption off with ITL's tool")
        default:
            throw ValidatorFault.configuration("the validator does not support SSP protocol version \(version) (answered \(versionReply.code))")
        }
        let setupReply = try await link.execute(.setupRequest)
        guard setupReply.isOK else { throw ValidatorFault.protocolViolation("SETUP REQUEST answered \(setupReply.code)") }
        let setup: SSPSetupData
        do {
            setup = try SSPSetupData(payload: setupReply.payload)
        } catch {
            throw ValidatorFault.protocolViolation(error.description)
        }
        let channels = try self.channelTable(setup)
        self.details["protocol"] = "\(setup.protocolVersion)"
        self.details["firmware"] = setup.firmware
        self.details["currency"] = setup.country
        let serialReply = try await link.execute(.getSerialNumber)
        if serialReply.isOK, serialReply.payload.count == 4 {
            let serial = serialReply.payload.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            if let previous = self.details["serial"], previous != "\(serial)" {
                self.logger.warning("validator swapped", metadata: ["previous": "\(previous)", "now": "\(serial)"])
            }
            self.details["serial"] = "\(serial)"
        }
        for (command, key) in [(SSPCommand.getFirmwareVersion, "firmware-version"), (.getDatasetVersion, "dataset")] {
            if let reply = try? await link.execute(command), reply.isOK {
                self.details[key] = String(decoding: reply.payload.filter { $0 >= 0x20 && $0 < 0x7F }, as: UTF8.self)
            }
        }

        let rejectReply = try await link.execute(.reject)
        _ = try await link.execute(.disable)
        let events = try await self.drain(link)
        if events.contains(.rejected), let reason = try? await link.execute(.lastRejectCode), reason.isOK, let code = reason.payload.first {
            self.details["last-reject"] = SSPRejectReason(code: code).description
        }
        var counters: SSPCounters?
        var hasCounters: Bool?
        let countersReply = try await link.execute(.getCounters)
        if countersReply.isOK, let parsed = try? SSPCounters(payload: countersReply.payload) {
            counters = parsed
            hasCounters = true
        } else if countersReply.code == .commandNotKnown {
            hasCounters = false
        }
        let mask = SSPCommand.inhibitMask(enabling: channels.keys)
        let inhibitReply = try await link.execute(.setInhibits(mask))
        guard inhibitReply.isOK else { throw ValidatorFault.protocolViolation("SET INHIBITS \(mask.hexString) answered \(inhibitReply.code)") }
        let evidence = ValidatorEvidence(escrowedNoteReturned: rejectReply.isOK, events: events, counters: counters, channelValues: channels)
        return (channels, evidence, hasCounters)
    }

    /// Polls the disabled unit until two replies in a row show nothing in motion (at most ~50 polls).
    /// A note found in escrow is rejected at once: the next POLL would otherwise accept it.
    private func drain(_ link: SSPLink) async throws -> [SSPPollEvent] {
        var events: [SSPPollEvent] = []
        var quiet = 0
        for _ in 0..<50 {
            let reply = try await link.execute(.poll)
            var batch: [SSPPollEvent] = []
            if reply.isOK {
                do {
                    batch = try SSPPollEvent.parse(reply.payload)
                } catch {
                    self.logger.error("unparsable poll reply while reconnecting", metadata: ["error": "\(error)"])
                }
            }
            events += batch
            let inMotion = batch.contains { event in
                switch event {
                case .reading, .rejecting, .stacking, .initialising, .escrowed, .credit: true
                default: false
                }
            }
            if batch.contains(where: { if case .escrowed = $0 { return true } else { return false } }) {
                _ = try await link.execute(.reject)
            }
            quiet = inMotion ? 0 : quiet + 1
            if quiet >= 2 { break }
            try await Task.sleep(for: self.configuration.pollInterval)
        }
        return events
    }

    /// Maps channels to notes the kiosk accepts, checking the dataset's currency.
    private func channelTable(_ setup: SSPSetupData) throws(ValidatorFault) -> [Int: Money] {
        var channels: [Int: Money] = [:]
        var offered: [String] = []
        for channel in 1...max(1, setup.channelCount) {
            guard let (currency, amount) = setup.minorUnits(ofChannel: channel) else { continue }
            guard currency == self.configuration.currency else {
                throw .configuration("the validator's dataset is in \(currency), the kiosk takes \(self.configuration.currency)")
            }
            let value = Money(fen: amount)
            offered.append("\(channel):\(value)")
            if self.configuration.acceptedNotes.contains(value) { channels[channel] = value }
        }
        guard !channels.isEmpty else {
            throw .configuration(
                "none of the accepted notes (\(self.configuration.acceptedNotes.map(\.description).joined(separator: ", "))) is in the dataset (\(offered.joined(separator: " ")))")
        }
        return channels
    }
}
