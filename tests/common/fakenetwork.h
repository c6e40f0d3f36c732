#pragma once

#include "fakerequest.h"
#include "fakeresponse.h"

#include <QList>
#include <QNetworkAccessManager>

#include <functional>

/// A QNetworkAccessManager that answers from a handler instead of the network: the seam unit tests
/// of the Magento and Salesforce clients use (no sockets, deterministic faults). Every request is
/// recorded; the handler sees it (and the requests before it) and returns the response.
///
/// handler and requests are plain members on purpose: a test swaps the handler between steps and
/// reads the requests back, and accessors would only add noise to every test.
class FakeNetwork : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeNetwork)

public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    /// Without a handler every request is answered 404 with an empty JSON list.
    explicit FakeNetwork(QObject *parent = nullptr);
    explicit FakeNetwork(Handler answer, QObject *parent = nullptr);
    ~FakeNetwork() override;

    Handler handler;
    QList<FakeRequest> requests;

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request, QIODevice *outgoingData) override;
};
