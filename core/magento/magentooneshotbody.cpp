#include "magentooneshotbody.h"

#include <cstring>

namespace OrderBridge {

MagentoOneShotBody::MagentoOneShotBody(QByteArray data, QObject *parent)
    : QIODevice(parent)
    , m_data(std::move(data))
{
    open(QIODevice::ReadOnly);
}

MagentoOneShotBody::~MagentoOneShotBody() = default;

qint64 MagentoOneShotBody::bytesAvailable() const
{
    return m_data.size() - m_position + QIODevice::bytesAvailable();
}

bool MagentoOneShotBody::atEnd() const
{
    return m_position >= m_data.size() && QIODevice::bytesAvailable() == 0;
}

qint64 MagentoOneShotBody::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_position);
    if (n <= 0)
        return -1;
    std::memcpy(data, m_data.constData() + m_position, size_t(n));
    m_position += n;
    return n;
}

qint64 MagentoOneShotBody::writeData(const char *, qint64)
{
    return -1;
}

} // namespace OrderBridge
