#pragma once

#include <QByteArray>
#include <QIODevice>

namespace OrderBridge {

/// A request body that can be read once and not rewound. Qt's HTTP layer silently sends a request again when
/// its connection closes before a reply (even a POST the server already carried out); with a body it cannot
/// rewind, Qt reports QNetworkReply::ContentReSendError instead, so a write is never repeated behind our back.
class MagentoOneShotBody : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MagentoOneShotBody)

public:
    explicit MagentoOneShotBody(QByteArray data, QObject *parent = nullptr);
    ~MagentoOneShotBody() override;

    [[nodiscard]] bool isSequential() const override { return true; }
    [[nodiscard]] qint64 bytesAvailable() const override;
    [[nodiscard]] bool atEnd() const override;
    bool reset() override { return false; }
    [[nodiscard]] qint64 size() const override { return m_data.size(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

} // namespace OrderBridge
