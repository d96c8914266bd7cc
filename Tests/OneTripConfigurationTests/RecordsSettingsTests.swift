import OneTripConfiguration
import Testing

@Suite("Records settings")
struct RecordsSettingsTests {
    static let gateway = """
        [kiosk]
        id = "HS-0001"
        office = "示例派出所"

        [records]
        provider = "gateway"
        gateway_url = "https://records.gateway.example:8443"
        gateway_key_file = "/etc/onetrip/records-gateway.key"
        ca_file = "/etc/onetrip/records-gateway-ca.pem"
        timeout = "5s"
        retries = 1
        """

    @Test func theGatewayKeysLoad() throws {
        let records = try KioskConfiguration(document: TOMLDocument(text: Self.gateway, file: "onetrip.toml")).records
        #expect(records.provider == .gateway)
        #expect(records.gatewayURL == "https://records.gateway.example:8443")
        #expect(records.gatewayKeyFile == "/etc/onetrip/records-gateway.key")
        #expect(records.caFile == "/etc/onetrip/records-gateway-ca.pem")
        #expect(records.timeout == .seconds(5))
        #expect(records.retries == 1)
    }

    @Test func theCAFileIsOptional() throws {
        let text = Self.gateway.replacingOccurrences(of: "ca_file = \"/etc/onetrip/records-gateway-ca.pem\"\n", with: "")
        #expect(try KioskConfiguration(document: TOMLDocument(text: text, file: "onetrip.toml")).records.caFile == nil)
    }

    @Test(arguments: [
        ("gateway_key_file = \"/etc/onetrip/records-gateway.key\"\n", "", "onetrip.toml:5: records.gateway_key_file: required when provider = \"gateway\""),
        ("ca_file =", "ca_fil =", "onetrip.toml:9: records.ca_fil: unknown key"),
        ("https://records.gateway.example:8443", "http://records.gateway.example", "onetrip.toml:7: records.gateway_url: 'http://records.gateway.example' must be https"),
    ])
    func mistakesAreNamed(original: String, replacement: String, expected: String) {
        let text = Self.gateway.replacingOccurrences(of: original, with: replacement)
        do {
            _ = try KioskConfiguration(document: TOMLDocument(text: text, file: "onetrip.toml"))
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }
}
