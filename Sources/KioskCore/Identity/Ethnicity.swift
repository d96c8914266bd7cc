/// Ethnic group as coded by GB 3304-91 (two digits on the card), plus the reader-SDK codes
/// 97 (其他) and 98 (外国血统中国籍人士).
///
/// Source: shared/research/idcard-sam-protocol.md §4.2 (wikisource table of GB 3304;
/// 97/98 from HslCommunication, libzhouyb, THID and others, marked uncertain there).
public struct Ethnicity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The two-digit code, `"01"`…`"56"`, `"97"` or `"98"`.
    public let code: String

    /// Creates the value from a card's code; `nil` when the code is not in the table.
    public init?(code: some StringProtocol) {
        let text = String(code)
        guard Ethnicity.names[text] != nil else { return nil }
        self.code = text
    }

    /// The name in Chinese (`汉`) and in GB 3304 romanisation (`Han`).
    public var name: LocalizedText {
        let entry = Ethnicity.names[self.code]!
        return LocalizedText(zh: entry.zh, en: entry.en)
    }

    public var description: String { self.name.zh }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Ethnicity(code: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown GB 3304 code '\(text)'")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.code)
    }

    /// Every code with its names.
    public static var allCodes: [String] { names.keys.sorted() }

    static let names: [String: (zh: String, en: String)] = [
        "01": ("汉", "Han"), "02": ("蒙古", "Mongol"), "03": ("回", "Hui"), "04": ("藏", "Zang"),
        "05": ("维吾尔", "Uygur"), "06": ("苗", "Miao"), "07": ("彝", "Yi"), "08": ("壮", "Zhuang"),
        "09": ("布依", "Buyei"), "10": ("朝鲜", "Chosen"), "11": ("满", "Man"), "12": ("侗", "Dong"),
        "13": ("瑶", "Yao"), "14": ("白", "Bai"), "15": ("土家", "Tujia"), "16": ("哈尼", "Hani"),
        "17": ("哈萨克", "Kazak"), "18": ("傣", "Dai"), "19": ("黎", "Li"), "20": ("傈僳", "Lisu"),
        "21": ("佤", "Va"), "22": ("畲", "She"), "23": ("高山", "Gaoshan"), "24": ("拉祜", "Lahu"),
        "25": ("水", "Sui"), "26": ("东乡", "Dongxiang"), "27": ("纳西", "Naxi"), "28": ("景颇", "Jingpo"),
        "29": ("柯尔克孜", "Kirgiz"), "30": ("土", "Tu"), "31": ("达斡尔", "Daur"), "32": ("仫佬", "Mulao"),
        "33": ("羌", "Qiang"), "34": ("布朗", "Blang"), "35": ("撒拉", "Salar"), "36": ("毛南", "Maonan"),
        "37": ("仡佬", "Gelao"), "38": ("锡伯", "Xibe"), "39": ("阿昌", "Achang"), "40": ("普米", "Pumi"),
        "41": ("塔吉克", "Tajik"), "42": ("怒", "Nu"), "43": ("乌孜别克", "Uzbek"), "44": ("俄罗斯", "Russ"),
        "45": ("鄂温克", "Ewenki"), "46": ("德昂", "Deang"), "47": ("保安", "Bonan"), "48": ("裕固", "Yugur"),
        "49": ("京", "Gin"), "50": ("塔塔尔", "Tatar"), "51": ("独龙", "Derung"), "52": ("鄂伦春", "Oroqen"),
        "53": ("赫哲", "Hezhen"), "54": ("门巴", "Monba"), "55": ("珞巴", "Lhoba"), "56": ("基诺", "Jino"),
        "97": ("其他", "Other"), "98": ("外国血统中国籍人士", "Chinese citizen of foreign origin"),
    ]
}
