/// Lazy conversion of validated JSON number tokens.
enum JSONNumber {
  /// The integer value of a token without fraction or exponent, or nil when it overflows `Int`.
  static func int(_ token: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    let negative = token[0] == UInt8(ascii: "-")
    if negative { i = 1 }
    // Accumulating toward the sign lets Int.min parse without a special case.
    var value = 0
    while i < token.count {
      let digit = Int(token[i] &- UInt8(ascii: "0"))
      let (scaled, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) =
        negative ? scaled.subtractingReportingOverflow(digit) : scaled.addingReportingOverflow(digit)
      if o1 || o2 { return nil }
      value = next
      i += 1
    }
    return value
  }

  /// Exact powers of ten: every one up to 1e22 is representable in a Double.
  private static let exactPowers: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The nearest Double to a validated number token (infinite when out of range, like strtod).
  static func double(_ token: UnsafeBufferPointer<UInt8>) -> Double {
    var i = 0
    let negative = token[0] == UInt8(ascii: "-")
    if negative { i = 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    var exponent = 0
    var exact = true
    var seenPoint = false
    while i < token.count {
      let c = token[i]
      if c == UInt8(ascii: ".") {
        seenPoint = true
      } else if c &- UInt8(ascii: "0") < 10 {
        if mantissa != 0 || c != UInt8(ascii: "0") {
          digits += 1
          if digits > 19 { exact = false }
        }
        if exact { mantissa = mantissa &* 10 &+ UInt64(c &- UInt8(ascii: "0")) }
        if seenPoint && exact { exponent -= 1 }
        if !seenPoint && !exact { exponent += 1 }
      } else {
        break
      }
      i += 1
    }
    if i < token.count {
      // Exponent part: 'e' or 'E', an optional sign, then digits (clamped; it only decides
      // between the fast path and the fallback).
      i += 1
      var expNegative = false
      if token[i] == UInt8(ascii: "-") || token[i] == UInt8(ascii: "+") {
        expNegative = token[i] == UInt8(ascii: "-")
        i += 1
      }
      var value = 0
      while i < token.count {
        value = min(value * 10 + Int(token[i] &- UInt8(ascii: "0")), 100_000)
        i += 1
      }
      exponent += expNegative ? -value : value
    }
    // Clinger's fast path: an exactly representable mantissa scaled by an exact power of ten is
    // rounded once, so the result is correctly rounded.
    if exact && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      var value = Double(mantissa)
      value = exponent < 0 ? value / exactPowers[-exponent] : value * exactPowers[exponent]
      return negative ? -value : value
    }
    return Double(String(decoding: token, as: UTF8.self)) ?? .nan
  }
}
