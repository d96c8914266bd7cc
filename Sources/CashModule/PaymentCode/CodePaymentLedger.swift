import KioskCore
import OneTripSQLite

/// One payment-code trade as the ledger keeps it (the code itself only masked).
public struct CodePaymentRecord: Hashable, Sendable {
    /// The kiosk's trade number.
    public var outTradeNumber: String
    /// The transaction it pays.
    public var transactionID: TransactionID
    /// The wallet.
    public var wallet: Wallet
    /// The code, masked.
    public var maskedCode: String
    /// The amount.
    public var amount: Money
    /// The state's name (`pending`, `paying`, `polling`, `cancelling`, `paid`, `failed`, `reversed`, `manual-review`).
    public var state: String
    /// The provider's trade number, once paid.
    public var providerTradeNumber: String?
    /// The last detail.
    public var detail: String?

    /// Whether the trade needs no more calls.
    public var isSettled: Bool { ["paid", "failed", "reversed", "paid-late"].contains(self.state) }
}

/// The payment-code trade ledger: each trade is written as `pending` **before** the pay call
/// (research C.5 rule 1) and updated at every state change, so a restart re-queries every trade
/// that did not reach an end (rule 9). Same SQLite file and `cash` migration domain as the
/// cash-in ledger, `synchronous=FULL`.
public final class CodePaymentLedger {
    let database: Database

    /// Opens (and migrates) the ledger in the file at `path`.
    public init(path: String) throws {
        self.database = try CashSchema.open(path: path)
    }

    /// Writes a new trade as pending.
    public func insertPending(_ request: MicropayRequest, transactionID: TransactionID) throws(SQLiteError) {
        try self.database.execute(
            """
            INSERT INTO code_payment (out_trade_no, kiosk_id, session_number, wallet, masked_code, amount_fen, state)
            VALUES (?, ?, ?, ?, ?, ?, 'pending')
            """,
            [
                request.outTradeNumber, transactionID.session.kioskID, Int64(transactionID.session.number), request.code.wallet.rawValue,
                request.code.masked, request.amount.fen,
            ])
    }

    /// Records a state change.
    public func update(_ outTradeNumber: String, state: String, providerTradeNumber: String? = nil, detail: String? = nil) throws(SQLiteError) {
        try self.database.execute(
            """
            UPDATE code_payment SET state = ?, provider_trade_no = coalesce(?, provider_trade_no), detail = coalesce(?, detail),
            updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE out_trade_no = ?
            """, [state, providerTradeNumber, detail, outTradeNumber])
    }

    /// One trade.
    public func record(_ outTradeNumber: String) throws(SQLiteError) -> CodePaymentRecord? {
        try self.records(where: "out_trade_no = ?", [outTradeNumber]).first
    }

    /// The trades of a transaction, oldest first.
    public func records(for transactionID: TransactionID) throws(SQLiteError) -> [CodePaymentRecord] {
        try self.records(where: "kiosk_id = ? AND session_number = ?", [transactionID.session.kioskID, Int64(transactionID.session.number)])
    }

    /// Trades that did not reach an end.
    public func unfinished() throws(SQLiteError) -> [CodePaymentRecord] {
        try self.records(where: "state NOT IN ('paid', 'failed', 'reversed', 'paid-late')", [])
    }

    /// Writes a refund before it is submitted; returns `false` if that refund number exists already.
    @discardableResult
    public func insertRefund(_ request: RefundRequest) throws(SQLiteError) -> Bool {
        try self.database.execute(
            "INSERT OR IGNORE INTO code_refund (out_refund_no, out_trade_no, amount_fen, state) VALUES (?, ?, ?, 'pending')",
            [request.refundNumber, request.outTradeNumber, request.amount.fen])
        return self.database.changes == 1
    }

    /// Records a refund's outcome.
    public func updateRefund(_ refundNumber: String, state: String, detail: String?) throws(SQLiteError) {
        try self.database.execute("UPDATE code_refund SET state = ?, detail = ? WHERE out_refund_no = ?", [state, detail, refundNumber])
    }

    /// How many refunds a trade has.
    public func refundCount(_ outTradeNumber: String) throws(SQLiteError) -> Int {
        Int(try self.database.scalar("SELECT count(*) FROM code_refund WHERE out_trade_no = ?", [outTradeNumber]).int64 ?? 0)
    }

    private func records(where condition: String, _ arguments: [any SQLiteBindable]) throws(SQLiteError) -> [CodePaymentRecord] {
        try self.database.rows(
            """
            SELECT out_trade_no, kiosk_id, session_number, wallet, masked_code, amount_fen, state, provider_trade_no, detail
            FROM code_payment WHERE \(condition) ORDER BY created_at, out_trade_no
            """, arguments
        ).compactMap { row in
            guard let number = row[0].string, let kiosk = row[1].string, let session = row[2].int64, let wallet = row[3].string.flatMap(Wallet.init(rawValue:))
            else { return nil }
            return CodePaymentRecord(
                outTradeNumber: number, transactionID: TransactionID(session: SessionID(kioskID: kiosk, number: UInt64(session))), wallet: wallet,
                maskedCode: row[4].string ?? "", amount: Money(fen: row[5].int64 ?? 0), state: row[6].string ?? "", providerTradeNumber: row[7].string,
                detail: row[8].string)
        }
    }
}
