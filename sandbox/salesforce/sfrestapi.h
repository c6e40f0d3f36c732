#pragma once

#include "sfdataservice.h"
#include "sfrecordstore.h"
#include "sfreply.h"
#include "soqlevaluator.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QUrlQuery>

#include <functional>

namespace Sandbox {

/// The versioned data API below /services/data/vNN.N/: sObject rows, describe, upsert, query and queryAll with
/// cursors, sObject Collections and limits. Composite resources go through SfComposite, which calls back in here.
class SfRestApi
{
public:
    struct Call
    {
        QByteArray method;
        QString path;          // below the version, without a leading slash: "sobjects/Order/801..."
        QUrlQuery query;       // percent-encoded
        QJsonValue body;       // parsed JSON body (Undefined when none)
        QString version;       // "62.0"
        int queryBatchSize = 2000;
        bool inComposite = false;
        bool ifModifiedSince = false; // the request carried If-Modified-Since
        bool allowDuplicateSave = false; // Sforce-Duplicate-Rule-Header: allowSave=true (not inherited by subrequests)
    };
    using CompositeHandler = std::function<SfReply(const Call &)>;
    using LimitsProvider = std::function<QJsonObject()>;

    SfRestApi(SfRecordStore &store, SfDataService &data);

    void setCompositeHandler(CompositeHandler handler) { m_composite = std::move(handler); }
    void setLimitsProvider(LimitsProvider provider) { m_limits = std::move(provider); }
    /// Handles `tooling/...` (SfAccess).
    void setToolingHandler(CompositeHandler handler) { m_tooling = std::move(handler); }

    [[nodiscard]] SfReply execute(const Call &call);
    /// Whether a Sforce-Duplicate-Rule-Header value sets allowSave=true.
    [[nodiscard]] static bool allowsDuplicateSave(const QByteArray &headerValue);
    /// Forgets query cursors (reset).
    void clearCursors() { m_cursors.clear(); }

    /// A SaveResult as sObject Collections report it.
    [[nodiscard]] static QByteArray collectionResult(const SfSaveResult &r, bool withCreated);
    /// Reply of a single-record DML call.
    [[nodiscard]] static SfReply saveReply(const SfSaveResult &r, const QString &type, const QString &version,
                                           bool upsert);

private:
    struct Cursor
    {
        SoqlResult result;
        int batchSize = 2000;
        QString version;
        qint64 createdMs = 0;
    };

    SfReply resources(const Call &call) const;
    SfReply sobjects(const Call &call, const QStringList &segments);
    SfReply recordRow(const Call &call, const SfObjectType &type, const QString &idText);
    SfReply externalIdRow(const Call &call, const SfObjectType &type, const QString &field, const QString &value);
    SfReply blob(const Call &call, const SfObjectType &type, const QString &idText, const QString &field);
    SfReply query(const Call &call, bool all, const QString &locator);
    /// Keeps a result for query/{locator} and returns the cursor's ID.
    QString openCursor(SoqlResult result, int batchSize, const QString &version);
    SfReply collections(const Call &call, const QStringList &segments);
    SfReply collectionsWrite(const Call &call, const QString &upsertType, const QString &upsertField);
    SfReply collectionsDelete(const Call &call);
    SfReply collectionsRetrieve(const Call &call, const QString &type);
    SfReply updatedOrDeleted(const Call &call, const SfObjectType &type, bool deleted);
    [[nodiscard]] static SfReply methodNotAllowed(const QByteArray &method, const QString &allowed);
    [[nodiscard]] static SfReply notFound();

    SfRecordStore &m_store;
    SfDataService &m_data;
    CompositeHandler m_composite;
    LimitsProvider m_limits;
    CompositeHandler m_tooling;
    QHash<QString, Cursor> m_cursors;
    quint64 m_cursorCounter = 0;
};

} // namespace Sandbox
