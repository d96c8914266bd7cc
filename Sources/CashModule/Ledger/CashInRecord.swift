import KioskCore

/// Where one note stands according to the ledger.
public enum NotePhase: Hashable, Sendable, CustomStringConvertible {
    /// Held in escrow; no decision on disk.
    case escrowed
    /// The kiosk decided to stack it; the accepting POLL may have been sent. `counter` is the
    /// validator's stacked-notes counter just before, when the unit has counters.
    case stackIntent(counter: UInt32?)
    /// The kiosk decided to return it; REJECT may have been sent.
    case returnIntent
    /// Credited: money.
    case credited
    /// Back with the citizen.
    case returned
    /// Unclear: an operator must look.
    case uncertain

    /// Whether the note's fate is settled.
    public var isSettled: Bool {
        switch self {
        case .credited, .returned, .uncertain: true
        case .escrowed, .stackIntent, .returnIntent: false
        }
    }

    public var description: String {
        switch self {
        case .escrowed: "escrowed"
        case .stackIntent(let counter): "stack intent\(counter.map { " (counter \($0))" } ?? "")"
        case .returnIntent: "return intent"
        case .credited: "credited"
        case .returned: "returned"
        case .uncertain: "uncertain"
        }
    }
}

/// One note as the ledger tells it.
public struct NoteRecord: Hashable, Sendable {
    /// The note.
    public var note: NoteInFlight
    /// Where it stands.
    public var phase: NotePhase
    /// Whether the validator reported it stacked.
    public var isStacked: Bool
    /// The last detail written about it.
    public var detail: String?

    /// Creates a record.
    public init(note: NoteInFlight, phase: NotePhase, isStacked: Bool, detail: String?) {
        self.note = note
        self.phase = phase
        self.isStacked = isStacked
        self.detail = detail
    }
}

/// One cash-in as the ledger tells it: folded from its lines, with each note credited at most
/// once whatever the lines say.
public struct CashInRecord: Hashable, Sendable {
    /// The transaction.
    public var transactionID: TransactionID
    /// What was due when it opened.
    public var amountDue: Money
    /// Its notes in order.
    public var notes: [NoteRecord]
    /// Whether it was closed.
    public var isClosed: Bool
    /// The detail of the closing line.
    public var closingDetail: String?

    /// The money credited.
    public var credited: Money { self.notes.filter { $0.phase == .credited }.map(\.note.value).sum() }
    /// The money whose fate is unclear.
    public var uncertain: Money { self.notes.filter { $0.phase == .uncertain }.map(\.note.value).sum() }
    /// The note still in flight (at most one: the validator holds one note at a time).
    public var openNote: NoteRecord? { self.notes.last { !$0.phase.isSettled } }
    /// How many notes it has seen (the next note's index).
    public var nextNoteIndex: Int { (self.notes.map(\.note.index).max() ?? -1) + 1 }

    /// Folds ledger lines (in order) into cash-in records, one per transaction, in order of opening.
    public static func fold(_ entries: [CashLedgerEntry]) -> [CashInRecord] {
        var records: [TransactionID: CashInRecord] = [:]
        var order: [TransactionID] = []
        for entry in entries {
            guard let id = entry.transactionID else { continue }
            if records[id] == nil {
                records[id] = CashInRecord(transactionID: id, amountDue: .zero, notes: [], isClosed: false, closingDetail: nil)
                order.append(id)
            }
            records[id]!.apply(entry)
        }
        return order.compactMap { records[$0] }
    }

    private mutating func apply(_ entry: CashLedgerEntry) {
        switch entry.kind {
        case .opened:
            self.amountDue = entry.value ?? .zero
        case .closed:
            self.isClosed = true
            self.closingDetail = entry.detail
        case .escrowed, .stackIntent, .returnIntent, .credited, .stacked, .returned, .uncertain, .unexpectedCredit:
            guard let index = entry.noteIndex else { return }
            var position = self.notes.firstIndex { $0.note.index == index }
            if position == nil {
                let note = NoteInFlight(transactionID: self.transactionID, index: index, channel: entry.channel ?? 0, value: entry.value ?? .zero)
                self.notes.append(NoteRecord(note: note, phase: .escrowed, isStacked: false, detail: nil))
                position = self.notes.count - 1
            }
            var record = self.notes[position!]
            record.detail = entry.detail ?? record.detail
            switch entry.kind {
            case .escrowed: break
            case .stackIntent: if !record.phase.isSettled { record.phase = .stackIntent(counter: entry.counter) }
            case .returnIntent: if !record.phase.isSettled { record.phase = .returnIntent }
            case .credited, .unexpectedCredit:
                // Credited once: a later line can neither credit again nor take it back.
                if let value = entry.value { record.note.value = value }
                if let channel = entry.channel { record.note.channel = channel }
                record.phase = .credited
            case .stacked: record.isStacked = true
            case .returned: if record.phase != .credited { record.phase = .returned }
            case .uncertain: if record.phase != .credited { record.phase = .uncertain }
            case .opened, .closed: break
            }
            self.notes[position!] = record
        }
    }
}
