#pragma once

#include "fakeresponse.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

/// A finished-soon QNetworkReply carrying a FakeResponse: status, headers and body are set at once,
/// the signals a real reply emits follow from the event loop (never inside the call that made it).
class FakeReply : public QNetworkReply
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeReply)

public:
    FakeReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request, const FakeResponse &response,
              QObject *parent);
    ~FakeReply() override;

    void abort() override;
    [[nodiscard]] bool isSequential() const override;
    [[nodiscard]] qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void finish(QNetworkReply::NetworkError error);

    QByteArray m_body;
    qint64 m_position = 0;
};
