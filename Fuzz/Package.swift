// swift-tools-version: 6.1
// libFuzzer targets for OneTrip's parsers. A separate package so that the normal `swift build`
// never links an executable that needs `-sanitize=fuzzer`. See README.md "Developer notes".
//
//   cd Fuzz && swift build -c release --scratch-path ../.build-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --product fuzz-sam-decoder

import PackageDescription

let package = Package(
    name: "OneTripFuzz",
    dependencies: [
        .package(name: "OneTrip", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "fuzz-sam-decoder",
            dependencies: ["FuzzSupport", .product(name: "IDCardReader", package: "OneTrip")]
        ),
        .executableTarget(
            name: "fuzz-card-text",
            dependencies: [
                "FuzzSupport", .product(name: "IDCardReader", package: "OneTrip"), .product(name: "KioskCore", package: "OneTrip"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
