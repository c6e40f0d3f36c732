#include "sfidgenerator.h"

#include "sfid.h"

namespace Sandbox {

namespace {

constexpr char16_t kBase62[] = u"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int kCounterDigits = 9;

int base62Value(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'A' && u <= u'Z')
        return 10 + (u - u'A');
    if (u >= u'a' && u <= u'z')
        return 36 + (u - u'a');
    return -1;
}

bool isPrefix(const QString &s)
{
    return s.size() == 3 && SfId::isBase62(s.at(0)) && SfId::isBase62(s.at(1)) && SfId::isBase62(s.at(2));
}

} // namespace

SfIdGenerator::SfIdGenerator(QString pod)
    : m_pod(std::move(pod))
{
    if (m_pod.size() != 2 || !SfId::isBase62(m_pod.at(0)) || !SfId::isBase62(m_pod.at(1)))
        m_pod = QStringLiteral("Sb");
}

QString SfIdGenerator::next(const QString &keyPrefix)
{
    if (!isPrefix(keyPrefix))
        return {};
    quint64 number = ++m_counters[keyPrefix];
    QString digits(kCounterDigits, QLatin1Char('0'));
    for (int i = kCounterDigits - 1; i >= 0 && number > 0; --i) {
        digits[i] = QChar(kBase62[number % 62]);
        number /= 62;
    }
    const QString id15 = keyPrefix + m_pod + QLatin1Char('0') + digits;
    return id15 + SfId::checksum(id15);
}

QString SfIdGenerator::nextFor(const QString &objectName)
{
    return next(SfId::keyPrefix(objectName));
}

void SfIdGenerator::observe(const QString &id)
{
    const auto normalized = SfId::normalize(id);
    if (!normalized || normalized->mid(3, 2) != m_pod || normalized->at(5) != QLatin1Char('0'))
        return;
    quint64 number = 0;
    for (int i = 6; i < 15; ++i)
        number = number * 62 + quint64(base62Value(normalized->at(i)));
    quint64 &counter = m_counters[normalized->left(3)];
    if (number > counter)
        counter = number;
}

void SfIdGenerator::reset()
{
    m_counters.clear();
}

} // namespace Sandbox
