// swift-tools-version: 6.1
// OneTrip: the controller daemon of a self-service police-station kiosk.
// The target graph and the reasons behind it are in docs/architecture.md.

import PackageDescription

let package = Package(
    name: "OneTrip",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "onetrip", targets: ["onetrip"]),
        .executable(name: "onetripd", targets: ["onetripd"]),
        .library(name: "KioskCore", targets: ["KioskCore"]),
        .library(name: "DeviceKit", targets: ["DeviceKit"]),
        .library(name: "OneTripSQLite", targets: ["OneTripSQLite"]),
        .library(name: "CertificatePrinter", targets: ["CertificatePrinter"]),
        .library(name: "ReceiptPrinter", targets: ["ReceiptPrinter"]),
        .library(name: "KioskScreens", targets: ["KioskScreens"]),
        .library(name: "IDCardReader", targets: ["IDCardReader"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Ed25519 signatures and SHA-256 digests for proof verification (CertificatePrinter).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // HTTP: AsyncHTTPClient for outgoing calls, Hummingbird 2 for servers (reference payment gateway,
        // ingest hub, control API), swift-nio for their shared types.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // MARK: C libraries (system-library shims, prefixed so they never clash with a dependency's)
        .systemLibrary(name: "COneTripUdev", pkgConfig: "libudev", providers: [.apt(["libudev-dev"])]),
        .systemLibrary(name: "COneTripSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libcups2-dev ships no cups.pc on Debian 12: no pkgConfig, or every build warns.
        .systemLibrary(name: "COneTripCUPS", providers: [.apt(["libcups2-dev"])]),
        .target(name: "COneTripSerial"),
        .systemLibrary(name: "COneTripCairo", pkgConfig: "pangocairo", providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .systemLibrary(name: "COneTripQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // ncursesw.pc carries -D flags SwiftPM refuses (a warning on every build): no pkgConfig, the
        // shim defines NCURSES_WIDECHAR itself and links ncursesw (which pulls in tinfo).
        .systemLibrary(name: "COneTripNcursesw", providers: [.apt(["libncurses-dev"])]),

        // MARK: Pure domain (no I/O)
        .target(name: "KioskCore"),

        // MARK: Thin Swift wrappers and device infrastructure
        .target(name: "OneTripSQLite", dependencies: ["COneTripSQLite"]),
        .target(
            name: "DeviceKit",
            dependencies: [
                "KioskCore", "COneTripSerial", "COneTripUdev", "OneTripSQLite",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // MARK: Device drivers
        // ID card reader: SAM protocol codec, card text, reader driver (issue 3).
        .target(name: "IDCardReader", dependencies: ["KioskCore", "DeviceKit", .product(name: "Logging", package: "swift-log")]),
        // A4 proofs: PDF rendering (cairo/pango), signed QR verification, CUPS jobs (issue 5).
        .target(
            name: "CertificatePrinter",
            dependencies: [
                "KioskCore", "DeviceKit", "OneTripSQLite", "COneTripCUPS", "COneTripCairo", "COneTripQRencode",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // ESC/POS receipts: document model, encoder, DLE EOT status, transports, driver (issue 4).
        .target(
            name: "ReceiptPrinter",
            dependencies: ["KioskCore", "DeviceKit", "COneTripQRencode", .product(name: "Logging", package: "swift-log")]
        ),

        // MARK: Cash and payment codes: SSP codec and bill validator driver, the cash-in ledger,
        // the payment-code scanner and micropay machine; the HTTP gateway client; the reference gateway (issue 6).
        .target(
            name: "CashModule",
            dependencies: ["KioskCore", "DeviceKit", "OneTripSQLite", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "PaymentGatewayClient",
            dependencies: [
                "CashModule", "KioskCore", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "PaymentGatewaySimulator",
            dependencies: [
                "CashModule", "KioskCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Journal, upload queue and reference ingest hub (issue 7; docs/architecture.md "Journal and upload")
        .target(name: "UploadContract", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Journal",
            dependencies: ["KioskCore", "OneTripSQLite", "UploadContract", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Uplink",
            dependencies: [
                "Journal", "UploadContract",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "IngestHub",
            dependencies: [
                "OneTripSQLite", "UploadContract",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Kiosk screens: the citizen's terminal UI (ncursesw)
        .target(name: "KioskScreens", dependencies: ["KioskCore", "COneTripNcursesw"]),

        // MARK: Department records (embedded seeds, HTTP gateway)
        .target(name: "Records", dependencies: ["KioskCore"]),
        // The HTTP records gateway client (AsyncHTTPClient) and the reference gateway (Hummingbird 2), apart from
        // `Records` so the embedded provider stays free of HTTP libraries (issue 10; docs/records-gateway.yaml).
        .target(
            name: "RecordsGateway",
            dependencies: [
                "Records", "KioskCore", "UploadContract", "OneTripConfiguration",
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RecordsGatewaySimulator",
            dependencies: [
                "Records", "KioskCore", "UploadContract", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RecordsGatewayTests",
            dependencies: [
                "RecordsGateway", "RecordsGatewaySimulator", "Records", "KioskCore", "KioskTestSupport", "UploadContract",
                "OneTripConfiguration", "Simulators", "onetrip", .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Configuration (onetrip.toml with file:line errors)
        .target(name: "OneTripConfiguration", dependencies: ["KioskCore"]),

        // MARK: Device simulators (the device's side of each protocol, over PTYs and TCP) and the CUPS test rig
        .target(
            name: "Simulators",
            dependencies: ["KioskCore", "DeviceKit", "IDCardReader", "CashModule", "COneTripCairo", "COneTripQRencode"]
        ),

        // MARK: Shared test fixtures (seed loaders, fake clock session harness)
        .target(name: "KioskTestSupport", dependencies: ["KioskCore"]),

        // MARK: The daemon's wiring (a library so tests can drive it)
        .target(
            name: "KioskDaemon",
            dependencies: [
                "KioskCore", "DeviceKit", "Records", "OneTripConfiguration", "IDCardReader", "ReceiptPrinter", "CertificatePrinter",
                "CashModule", "PaymentGatewayClient", "Journal", "Uplink", "UploadContract",
                // The control API's server and the HTTP records provider (issue 10).
                "ControlAPI", "RecordsGateway",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: Control API: the daemon's local HTTP API on a Unix socket, its client, remote diagnostics (issue 10)
        .target(
            name: "ControlAPI",
            dependencies: [
                "KioskCore", "DeviceKit", "Journal",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Executables
        .executableTarget(
            name: "onetrip",
            dependencies: [
                "KioskCore", "DeviceKit", "Simulators", "KioskScreens", "CertificatePrinter", "IDCardReader",
                "CashModule", "PaymentGatewayClient", "PaymentGatewaySimulator", "OneTripSQLite",
                "Journal", "Uplink", "IngestHub", "RecordsGatewaySimulator", "ControlAPI", "OneTripConfiguration", "ReceiptPrinter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "onetripd",
            dependencies: [
                "KioskDaemon", "OneTripConfiguration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "onetrip-bench",
            dependencies: [
                "KioskCore", "KioskTestSupport", "DeviceKit", "ReceiptPrinter", "CertificatePrinter", "Simulators", "KioskScreens",
                "CashModule", "IDCardReader", "Journal", "Uplink", "IngestHub", "OneTripSQLite", "UploadContract",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .executableTarget(
            name: "onetrip-journal-crashtest",
            dependencies: ["Journal", "Uplink", "KioskCore", "UploadContract", .product(name: "Logging", package: "swift-log")]
        ),

        // MARK: Tests
        .testTarget(
            name: "KioskCoreTests",
            dependencies: ["KioskCore", "KioskTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "OneTripSQLiteTests", dependencies: ["OneTripSQLite"]),
        .testTarget(
            name: "DeviceKitTests",
            dependencies: ["DeviceKit", "KioskTestSupport", "OneTripSQLite", "Simulators", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "CertificatePrinterTests",
            dependencies: ["CertificatePrinter", "KioskTestSupport", "Simulators", "DeviceKit", "OneTripSQLite"]
        ),
        .testTarget(
            name: "ReceiptPrinterTests",
            dependencies: [
                "ReceiptPrinter", "Simulators", "DeviceKit", "KioskCore", "KioskTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Golden", "Python"]
        ),
        .testTarget(name: "KioskScreensTests", dependencies: ["KioskScreens", "KioskCore", "KioskTestSupport", "DeviceKit", "onetrip"]),
        .testTarget(
            name: "CashModuleTests",
            dependencies: [
                "CashModule", "PaymentGatewayClient", "PaymentGatewaySimulator", "Simulators", "DeviceKit", "KioskCore",
                "OneTripSQLite", "KioskTestSupport",
            ]
        ),
        .testTarget(
            name: "IDCardReaderTests",
            dependencies: [
                "IDCardReader", "Simulators", "DeviceKit", "KioskTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "JournalTests",
            dependencies: [
                "Journal", "Uplink", "IngestHub", "UploadContract", "KioskCore", "KioskTestSupport", "OneTripSQLite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SimulatorsTests", dependencies: ["Simulators", "DeviceKit"]),
        .testTarget(name: "OneTripConfigurationTests", dependencies: ["OneTripConfiguration"]),
        .testTarget(name: "RecordsTests", dependencies: ["Records", "KioskTestSupport"]),
        .testTarget(
            name: "KioskDaemonTests",
            dependencies: ["KioskDaemon", "KioskTestSupport", "Simulators", "DeviceKit", "Journal", "ControlAPI", "onetripd", "onetrip"]
        ),
        .testTarget(
            name: "ControlAPITests",
            dependencies: [
                "ControlAPI", "DeviceKit", "KioskCore", "KioskTestSupport", "Journal", "Simulators", "onetrip",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Every driver's diagnostic checks against the simulators and the private cupsd, and `onetrip diag` end to end (issue 8).
        .testTarget(
            name: "DiagnosticsTests",
            dependencies: [
                "DeviceKit", "IDCardReader", "ReceiptPrinter", "CertificatePrinter", "CashModule", "Simulators", "KioskCore",
                "KioskTestSupport", "onetrip", .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
