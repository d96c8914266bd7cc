extension KioskSession {
    /// Builds the screen of the current state.
    func makeScreen(at now: KioskTime) -> Screen {
        var screen: Screen
        switch self.state {
        case .idle:
            screen = Screen(
                kind: .idle, language: self.language,
                title: LocalizedText(zh: "请将身份证放在感应区", en: "Place your ID card on the reader"),
                lines: [ScreenLine(LocalizedText(zh: "一次刷证，一键打印证明", en: "One swipe, one touch: your document is printed"), style: .emphasis)]
                    + self.availableServices.map { ScreenLine($0.name, style: .hint) })
        case .outOfService:
            screen = Screen(
                kind: .outOfService, language: self.language, title: LocalizedText(zh: "暂停服务", en: "Out of service"),
                lines: self.outOfServiceLines)
        case .readingCard:
            screen = Screen(
                kind: .reading, language: self.language, title: LocalizedText(zh: "正在读取证件", en: "Reading your card"),
                lines: [ScreenLine(LocalizedText(zh: "请勿移动证件", en: "Please keep the card still"), style: .emphasis)])
        case .cardRejected(_, let rejection):
            screen = Screen(
                kind: .cardRejected, language: self.language, title: LocalizedText(zh: "无法受理此证件", en: "Card not accepted"),
                lines: [ScreenLine(rejection.reason, style: .warning)],
                choices: [ScreenChoice(id: .finish, label: LocalizedText(zh: "确定", en: "OK"), style: .primary)])
        case .serviceMenu(let visit):
            screen = Screen(
                kind: .serviceMenu, language: self.language, title: LocalizedText(zh: "请选择业务", en: "Choose a service"),
                lines: self.citizenLines(visit),
                choices: self.availableServices.map { ScreenChoice(id: .service($0.code), label: $0.name) }
                    + [ScreenChoice(id: .cancel, label: LocalizedText(zh: "退出", en: "Exit"), style: .cancel)])
        case .fetchingRecords(let visit):
            let department = visit.service?.records.department ?? LocalizedText(verbatim: "")
            screen = Screen(
                kind: .fetching, language: self.language, title: LocalizedText(zh: "正在查询", en: "Fetching your records"),
                lines: [ScreenLine(LocalizedText(zh: "正在从\(department.zh)获取信息", en: "Asking the \(department.en)"))],
                choices: [ScreenChoice(id: .cancel, label: LocalizedText(zh: "取消", en: "Cancel"), style: .cancel)])
        case .preview(let visit, let notice):
            var lines = self.citizenLines(visit) + (visit.records?.previewLines ?? [])
            if let notice { lines.append(ScreenLine(notice, style: .warning)) }
            screen = Screen(
                kind: .preview, language: self.language, title: visit.service?.name ?? LocalizedText(verbatim: ""),
                lines: lines, choices: self.previewChoices(for: visit))
        case .awaitingPayment(let visit, let progress):
            screen = self.paymentScreen(visit, progress)
        case .printing(_, let step):
            screen = self.printingScreen(step)
        case .collect(let farewell):
            var lines = [ScreenLine(farewell.message, style: .emphasis)]
            if let transaction = farewell.transactionID {
                lines.append(ScreenLine(LocalizedText(verbatim: transaction.description), label: LocalizedText(zh: "交易号", en: "Transaction"), style: .hint))
            }
            screen = Screen(
                kind: .collect, language: self.language, title: farewell.title, lines: lines,
                choices: [ScreenChoice(id: .finish, label: LocalizedText(zh: "完成", en: "Done"), style: .primary)])
        case .error(let farewell):
            screen = Screen(
                kind: .error, language: self.language, title: farewell.title, lines: [ScreenLine(farewell.message, style: .warning)],
                choices: [ScreenChoice(id: .finish, label: LocalizedText(zh: "返回首页", en: "Back to start"), style: .primary)])
        }
        screen.choices = Self.assigningKeys(screen.choices)
        screen.notices = self.notices
        if let deadline = self.deadline, !self.isPrinting {
            let remaining = deadline - now.uptime
            let (seconds, attoseconds) = remaining.components
            screen.countdown = Int(max(0, seconds + (attoseconds > 0 ? 1 : 0)))
        }
        return screen
    }

    /// The buttons of a preview, which also decide which preview choices are accepted.
    func previewChoices(for visit: Visit) -> [ScreenChoice] {
        guard let service = visit.service else { return [] }
        var choices: [ScreenChoice] = []
        let receiptUsable = self.usability[.receiptPrinter]?.isUsable ?? false
        switch service.kind {
        case .proof:
            if visit.records?.proofBlocker == nil, service.availability(self.usability).isAvailable {
                choices.append(ScreenChoice(id: .print, label: LocalizedText(zh: "打印证明", en: "Print document"), style: .primary))
            }
        case .payment:
            if !visit.amountDue.isZero {
                for method in service.usablePaymentMethods(self.usability) {
                    choices.append(
                        ScreenChoice(id: method == .cash ? .payCash : .payCode, label: method.name, style: choices.isEmpty ? .primary : .secondary))
                }
            } else {
                choices.append(ScreenChoice(id: .finish, label: LocalizedText(zh: "完成", en: "Done"), style: .primary))
            }
        case .lookup:
            if receiptUsable {
                choices.append(ScreenChoice(id: .printSlip, label: LocalizedText(zh: "打印凭条", en: "Print a slip")))
            }
            choices.append(ScreenChoice(id: .finish, label: LocalizedText(zh: "完成", en: "Done"), style: .primary))
        }
        if visit.transaction == nil, self.availableServices.count > 1 {
            choices.append(ScreenChoice(id: .otherServices, label: LocalizedText(zh: "其他业务", en: "Other services")))
        }
        if visit.transaction == nil || visit.transaction?.amountPaid.isZero == true {
            choices.append(ScreenChoice(id: .cancel, label: LocalizedText(zh: "退出", en: "Exit"), style: .cancel))
        }
        return choices
    }

    private func paymentScreen(_ visit: Visit, _ progress: PaymentProgress) -> Screen {
        let transaction = visit.transaction ?? Transaction(id: TransactionID(session: visit.id), amountDue: .zero)
        var lines = [
            ScreenLine(LocalizedText(verbatim: transaction.amountDue.description), label: LocalizedText(zh: "应付金额", en: "Amount due"), style: .amount),
            ScreenLine(LocalizedText(verbatim: transaction.amountPaid.description), label: LocalizedText(zh: "已付金额", en: "Paid"), style: .amount),
            ScreenLine(LocalizedText(verbatim: transaction.remaining.description), label: LocalizedText(zh: "还需支付", en: "Still due"), style: .amount),
        ]
        switch progress.method {
        case .cash:
            // Banknotes are whole yuan: "10 / 20 / 50 / 100" reads better than "10.00 / 20.00 …".
            let notes = self.configuration.acceptedBanknotes
                .map { $0.fen % 100 == 0 ? String($0.fen / 100) : $0.formatted(symbol: "") }.joined(separator: " / ")
            lines.append(ScreenLine(LocalizedText(zh: "请投入纸币，本机不找零", en: "Insert banknotes. No change is given."), style: .emphasis))
            lines.append(ScreenLine(LocalizedText(zh: "可用面额（元）：\(notes)", en: "Accepted notes (yuan): \(notes)"), style: .hint))
        case .paymentCode:
            if progress.isConfirmingOnPhone {
                lines.append(ScreenLine(LocalizedText(zh: "请在手机上确认支付", en: "Please confirm the payment on your phone"), style: .emphasis))
            } else {
                lines.append(
                    ScreenLine(
                        LocalizedText(zh: "请打开支付宝或微信付款码，对准扫描窗口", en: "Show your Alipay or WeChat Pay payment code to the scanner"),
                        style: .emphasis))
            }
        }
        if let message = progress.message { lines.append(ScreenLine(message, style: .warning)) }
        let choices =
            transaction.amountPaid.isZero && !progress.isConfirmingOnPhone
            ? [ScreenChoice(id: .cancel, label: LocalizedText(zh: "取消支付", en: "Cancel payment"), style: .cancel)]
            : [ScreenChoice(id: .cancel, label: LocalizedText(zh: "结束支付", en: "Stop paying"), style: .cancel)]
        return Screen(kind: .payment, language: self.language, title: LocalizedText(zh: "请支付", en: "Payment"), lines: lines, choices: choices)
    }

    private func printingScreen(_ step: PrintStep) -> Screen {
        switch step {
        case .certificate(let completed, let total):
            return Screen(
                kind: .printing, language: self.language, title: LocalizedText(zh: "正在打印证明", en: "Printing your document"),
                lines: [ScreenLine(LocalizedText(zh: "请稍候，不要离开", en: "Please wait here"), style: .emphasis)],
                progress: ScreenProgress(
                    completed: completed, total: total,
                    label: total > 0 ? LocalizedText(zh: "第 \(completed)/\(total) 页", en: "Page \(completed) of \(total)") : LocalizedText(zh: "准备中", en: "Preparing")))
        case .receipt(let kind):
            let what = kind == .voucher ? LocalizedText(zh: "正在打印凭条", en: "Printing your voucher") : LocalizedText(zh: "正在打印凭条", en: "Printing your receipt")
            return Screen(
                kind: .printing, language: self.language, title: what,
                lines: [ScreenLine(LocalizedText(zh: "请稍候", en: "Please wait"), style: .emphasis)],
                progress: ScreenProgress(completed: 0, total: 0, label: what))
        }
    }

    private var isPrinting: Bool {
        if case .printing = self.state { return true }
        return false
    }

    private func citizenLines(_ visit: Visit) -> [ScreenLine] {
        let masked = visit.identity.masked
        return [
            ScreenLine(LocalizedText(verbatim: masked.name), label: LocalizedText(zh: "姓名", en: "Name")),
            ScreenLine(LocalizedText(verbatim: masked.documentNumber), label: LocalizedText(zh: "证件号码", en: "ID number")),
        ]
    }

    private var outOfServiceLines: [ScreenLine] {
        var lines: [ScreenLine] = []
        if self.isInMaintenance {
            lines.append(ScreenLine(LocalizedText(zh: "设备维护中，请稍候", en: "This kiosk is being serviced"), style: .warning))
        } else if case .unusable(let reason)? = self.usability[.idCardReader] {
            lines.append(ScreenLine(reason, style: .warning))
        } else if self.usability[.idCardReader] == nil {
            lines.append(ScreenLine(DeviceRole.idCardReader.notInstalled, style: .warning))
        }
        for service in self.configuration.catalogue.services {
            if case .unavailable(let reasons) = service.availability(self.usability) {
                let why = reasons.first ?? LocalizedText(verbatim: "")
                lines.append(ScreenLine(why, label: service.name, style: .body))
            }
        }
        lines.append(ScreenLine(LocalizedText(zh: "请到服务窗口办理，给您带来不便敬请谅解", en: "Please go to a service counter. Sorry for the inconvenience."), style: .hint))
        return lines
    }

    /// Status-line notices: the distinct reasons that keep services off the menu.
    private var notices: [LocalizedText] {
        guard !self.isInMaintenance else { return [LocalizedText(zh: "设备维护中", en: "Under maintenance")] }
        var seen: [LocalizedText] = []
        for service in self.configuration.catalogue.services {
            if case .unavailable(let reasons) = service.availability(self.usability) {
                for reason in reasons where !seen.contains(reason) { seen.append(reason) }
            }
        }
        return seen
    }

    /// Numbers the buttons for the keypad: 1, 2, 3… in order, 0 for cancel.
    static func assigningKeys(_ choices: [ScreenChoice]) -> [ScreenChoice] {
        var next = 1
        return choices.map { choice in
            var choice = choice
            if choice.style == .cancel {
                choice.key = "0"
            } else if next <= 9 {
                choice.key = String(next)
                next += 1
            }
            return choice
        }
    }
}
