// SOQL quoting: a value quoted by the product's builder (Soql::quote, Soql::inList) must parse in the
// sandbox's SOQL parser to the same string literal (less the control characters Soql drops). A parse
// error or a different value is a finding (abort).
#include "salesforce/soql.h"
#include "soqlparser.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::Literals::StringLiterals;

namespace {

/// What Soql keeps of a value: every character but the control characters it has no escape for.
QString expectedValue(const QString &value)
{
    QString out;
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        const bool escapable = u == u'\n' || u == u'\r' || u == u'\t' || u == u'\b' || u == u'\f';
        if ((u < 0x20 && !escapable) || u == 0x7f)
            continue;
        out += c;
    }
    return out;
}

[[noreturn]] void finding(const QString &query, const QString &what)
{
    std::fprintf(stderr, "SOQL round trip failed: %s\nquery: %s\n", qPrintable(what), qPrintable(query));
    std::abort();
}

void check(const QString &query, const QStringList &expected)
{
    const auto parsed = Sandbox::SoqlParser::parseQuery(query);
    if (!parsed)
        finding(query, u"parse error "_s + parsed.error().errorCode + u": "_s + parsed.error().message);
    if (!parsed->where)
        finding(query, u"no WHERE clause"_s);
    const std::vector<Sandbox::SoqlValue> &values = parsed->where->values;
    if (values.size() != static_cast<size_t>(expected.size()))
        finding(query, u"%1 values instead of %2"_s.arg(values.size()).arg(expected.size()));
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const Sandbox::SoqlValue &v = values[static_cast<size_t>(i)];
        if (v.kind != Sandbox::SoqlValue::Kind::String || v.text != expected[i])
            finding(query, u"value %1 came back as \"%2\""_s.arg(i).arg(v.text));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString value = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString expected = expectedValue(value);
    check(u"SELECT Id FROM Account WHERE Name = "_s + OrderBridge::Soql::quote(value), {expected});

    // The same text split at a byte-derived point into two values of an IN list.
    const qsizetype cut = size ? data[0] % (value.size() + 1) : 0;
    const QStringList parts{value.left(cut), value.mid(cut)};
    if (const auto list = OrderBridge::Soql::inList(parts))
        check(u"SELECT Id FROM Contact WHERE Email IN "_s + *list,
              {expectedValue(parts[0]), expectedValue(parts[1])});
    return 0;
}
