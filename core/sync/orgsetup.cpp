#include "sync/orgsetup.h"

#include "common/logging.h"
#include "mapping/defaultmappings.h"
#include "salesforce/salesforceclient.h"
#include "salesforce/soqlquery.h"
#include "store/mappingrepository.h"
#include "store/settingsrepository.h"
#include "sync/orgsession.h"

#include <QJsonArray>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QString errorText(const SalesforceError &e)
{
    return e.toError().toString();
}

bool isCustom(const OrgFieldNeed &need)
{
    return need.field.endsWith(u"__c"_s, Qt::CaseInsensitive);
}

} // namespace

OrgSetup::OrgSetup(OrgSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

OrgSetup::~OrgSetup() = default;

std::optional<Error> OrgSetup::loadNeeds(State &state) const
{
    FieldMappingList mappings;
    if (m_session->database()) {
        auto stored = MappingRepository(m_session->database()).list();
        if (!stored)
            return stored.error();
        mappings = *stored;
    }
    if (mappings.isEmpty())
        mappings = defaultMappings();
    state.needs = OrgRequirements::fieldsFor(mappings);
    state.statusValues = OrgRequirements::statusValuesFor(mappings);
    return std::nullopt;
}

void OrgSetup::run(bool dryRun, Reply<Result<OrgSetupReport>> reply)
{
    if (auto problem = m_session->start()) {
        reply(std::unexpected(*problem));
        return;
    }
    m_session->signIn([this, dryRun, reply](std::optional<Error> error) {
        if (error) {
            reply(std::unexpected(*error));
            return;
        }
        auto state = std::make_shared<State>();
        if (auto problem = loadNeeds(*state)) {
            reply(std::unexpected(*problem));
            return;
        }
        state->report.dryRun = dryRun;
        state->next = [this, state, dryRun, reply] {
            evaluate(*state);
            if (dryRun || state->report.ready)
                reply(state->report);
            else
                apply(state, reply);
        };
        m_session->salesforce()->clearDescribeCache();
        describeAll(state, OrgRequirements::objectsOf(state->needs));
    });
}

void OrgSetup::compare(Reply<OrgSetupReport> reply)
{
    auto state = std::make_shared<State>();
    if (auto problem = loadNeeds(*state)) {
        state->report.checks << ConnectionCheck{tr("Mappings"), false, problem->toString()};
        reply(state->report);
        return;
    }
    state->next = [this, state, reply] {
        evaluate(*state);
        reply(state->report);
    };
    m_session->salesforce()->clearDescribeCache();
    describeAll(state, OrgRequirements::objectsOf(state->needs));
}

void OrgSetup::describeAll(const StatePtr &state, QStringList objects)
{
    if (objects.isEmpty()) {
        checkPriceBook(state);
        return;
    }
    const QString object = objects.takeFirst();
    m_session->salesforce()->describe(object, [this, state, object, objects](SalesforceResult<SObjectDescribe> d) {
        if (d)
            state->describes.insert(object, *d);
        else
            qCWarning(lcSync) << "describe of" << object << "failed:" << errorText(d.error());
        describeAll(state, objects);
    });
}

void OrgSetup::checkPriceBook(const StatePtr &state)
{
    auto settings = m_session->database() ? SettingsRepository(m_session->database()).load() : Result<Settings>(Settings());
    const QString book = settings ? settings->priceBook() : Settings().priceBook();
    const SoqlQuery query =
        SoqlQuery(u"Pricebook2"_s).select({u"Id"_s}).whereEquals(u"Name"_s, book).whereEquals(u"IsActive"_s, true);
    m_session->salesforce()->query(query, [this, state, book](SalesforceResult<QList<QJsonObject>> rows) {
        const bool found = rows && !rows->isEmpty();
        state->priceBook = ConnectionCheck{tr("Price book"), found,
                                           found ? tr("'%1' is active.").arg(book)
                                                 : tr("No active price book named '%1': create it (with entries "
                                                      "for the SKUs), or set advanced.price_book.").arg(book)};
        checkOrderPermissions(state);
    });
}

void OrgSetup::checkOrderPermissions(const StatePtr &state)
{
    auto finish = [state] {
        // Taken out before the call: the state no longer holds the closure that holds the state.
        const auto next = std::exchange(state->next, {});
        next();
    };
    state->userPermissions.clear();
    state->permissionsProblem.clear();
    if (!needsOrderPermissions(*state)) {
        finish();
        return;
    }
    // The profile's own permission set is assigned to its users as well (IsOwnedByProfile), so the
    // assignments of the user give the profile's permissions and every added set's
    // (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_permissionset.htm).
    QStringList fields;
    for (const OrgPermissionNeed &need : OrgRequirements::orderPermissions())
        fields << u"PermissionSet."_s + need.field;
    const SoqlQuery query = SoqlQuery(u"PermissionSetAssignment"_s)
                                .select(fields)
                                .whereEquals(u"AssigneeId"_s, m_session->salesforce()->session().userId);
    m_session->salesforce()->query(query, [state, finish](SalesforceResult<QList<QJsonObject>> rows) {
        if (!rows) {
            state->permissionsProblem = errorText(rows.error());
        } else {
            for (const QJsonObject &row : std::as_const(*rows)) {
                const QJsonObject set = row.value(u"PermissionSet"_s).toObject();
                for (const OrgPermissionNeed &need : OrgRequirements::orderPermissions()) {
                    if (set.value(need.field).toBool())
                        state->userPermissions.insert(need.field);
                }
            }
        }
        finish();
    });
}

bool OrgSetup::needsOrderPermissions(const State &state) const
{
    // Only a mapped status in the Activated category makes the sync activate (and later edit) orders.
    const auto d = state.describes.constFind(u"Order"_s);
    const SalesforceFieldInfo *status = d == state.describes.cend() ? nullptr : d->field(u"Status"_s);
    for (const QString &value : state.statusValues) {
        if (!status)
            return true;
        for (const PicklistValue &v : status->picklistValues) {
            if (v.value == value
                && (v.statusCategory == u"Activated" || (v.statusCategory.isEmpty() && v.value == u"Activated")))
                return true;
        }
    }
    return false;
}

QList<OrgPermissionNeed> OrgSetup::permissionsToGrant(const State &state) const
{
    QList<OrgPermissionNeed> grant;
    if (!needsOrderPermissions(state) || !state.permissionsProblem.isEmpty())
        return grant;
    for (const OrgPermissionNeed &need : OrgRequirements::orderPermissions()) {
        if (!state.userPermissions.contains(need.field))
            grant << need;
    }
    return grant;
}

void OrgSetup::checkPermissions(State &state) const
{
    if (!needsOrderPermissions(state))
        return;
    for (const OrgPermissionNeed &need : OrgRequirements::orderPermissions()) {
        const QString name = tr("Permission %1").arg(need.label);
        if (!state.permissionsProblem.isEmpty()) {
            // Reading permissions needs View Setup and Configuration; the sync itself does not.
            state.report.checks << ConnectionCheck{
                name, true,
                tr("not checked: the user's permissions cannot be read (%1). Activated orders need it: make sure the "
                   "integration user has it.").arg(state.permissionsProblem)};
            continue;
        }
        const bool has = state.userPermissions.contains(need.field);
        state.report.checks << ConnectionCheck{
            name, has,
            has ? tr("the integration user has it.")
                : tr("the integration user lacks it, and the mapped Activated statuses need it: %1.")
                      .arg(OrgRequirements::permissionFix(need))};
    }
}

void OrgSetup::evaluate(State &state) const
{
    OrgSetupReport &report = state.report;
    report.checks.clear();
    int standardOk = 0;
    for (const OrgFieldNeed &need : std::as_const(state.needs)) {
        const auto d = state.describes.constFind(need.object);
        if (d == state.describes.cend()) {
            report.checks << ConnectionCheck{need.fullName(), false,
                                             tr("%1 cannot be described: the integration user needs access to the "
                                                "object.").arg(need.object)};
            continue;
        }
        const SalesforceFieldInfo *field = d->field(need.field);
        const QString problem = OrgRequirements::problem(need, field);
        if (problem.isEmpty() && !need.creatable()) {
            ++standardOk; // the org's own fields get a line only when something is wrong
            continue;
        }
        report.checks << ConnectionCheck{need.fullName(), problem.isEmpty(),
                                         problem.isEmpty() ? tr("present and writable.")
                                                           : problem + u": "_s + OrgRequirements::fix(need, field)
                                                                 + u'.'};
    }
    if (standardOk > 0) {
        report.checks << ConnectionCheck{tr("Other mapped fields"), true,
                                         tr("%n more field(s) the mappings write are present and writable.", nullptr,
                                            standardOk)};
    }
    checkStatuses(state);
    checkPermissions(state);
    report.checks << state.priceBook;
    report.ready = std::all_of(report.checks.cbegin(), report.checks.cend(), [](const ConnectionCheck &c) { return c.ok; });
}

void OrgSetup::checkStatuses(State &state) const
{
    const auto d = state.describes.constFind(u"Order"_s);
    if (d == state.describes.cend())
        return;
    const SalesforceFieldInfo *status = d->field(u"Status"_s);
    const QList<PicklistValue> values = status ? status->picklistValues : QList<PicklistValue>();
    auto has = [&values](const QString &value) {
        return std::any_of(values.cbegin(), values.cend(), [&](const PicklistValue &v) { return v.value == value; });
    };
    const bool draft = std::any_of(values.cbegin(), values.cend(), [](const PicklistValue &v) {
        return v.statusCategory == u"Draft" || (v.statusCategory.isEmpty() && v.value == u"Draft");
    });
    state.report.checks << ConnectionCheck{tr("Order.Status Draft"), draft,
                                           draft ? tr("a status in the Draft category exists.")
                                                 : tr("no Order status in the Draft category: add one in Setup › "
                                                      "Object Manager › Order › Status.")};
    for (const QString &value : std::as_const(state.statusValues)) {
        const bool ok = has(value);
        state.report.checks << ConnectionCheck{tr("Order.Status '%1'").arg(value), ok,
                                               ok ? tr("the status value exists.")
                                                  : tr("the Order Status mappings name '%1', which the org does not "
                                                       "have: add it in Setup › Object Manager › Order › Status, or "
                                                       "change the mapping.").arg(value)};
    }
}

QList<OrgFieldNeed> OrgSetup::fieldsToGrant(const State &state) const
{
    QList<OrgFieldNeed> grant;
    for (const OrgFieldNeed &need : state.needs) {
        if (!isCustom(need))
            continue;
        const auto d = state.describes.constFind(need.object);
        const SalesforceFieldInfo *field = d == state.describes.cend() ? nullptr : d->field(need.field);
        if (!field || (!field->createable && !field->updateable))
            grant << need;
    }
    return grant;
}

void OrgSetup::step(State &state, bool ok, const QString &name, const QString &detail) const
{
    state.report.steps << ConnectionCheck{name, ok, detail};
    if (ok)
        qCInfo(lcSync) << "setup salesforce:" << name << detail;
    else
        qCWarning(lcSync) << "setup salesforce:" << name << detail;
}

void OrgSetup::apply(StatePtr state, Reply<Result<OrgSetupReport>> reply)
{
    // After the changes: describe anew and compare again; that answer is the report.
    state->next = [this, state, reply] {
        evaluate(*state);
        reply(state->report);
    };
    checkCustomize(state);
}

void OrgSetup::recompare(const StatePtr &state)
{
    m_session->forgetSchema();
    m_session->salesforce()->clearDescribeCache();
    state->describes.clear();
    describeAll(state, OrgRequirements::objectsOf(state->needs));
}

void OrgSetup::checkCustomize(const StatePtr &state)
{
    const QString userId = m_session->salesforce()->session().userId;
    const SoqlQuery query = SoqlQuery(u"PermissionSetAssignment"_s)
                                .select({u"PermissionSet.PermissionsCustomizeApplication"_s})
                                .whereEquals(u"AssigneeId"_s, userId);
    m_session->salesforce()->query(query, [this, state](SalesforceResult<QList<QJsonObject>> rows) {
        // Without View Setup the query itself is refused; the Tooling API then gives the real answer.
        const bool may = !rows || std::any_of(rows->cbegin(), rows->cend(), [](const QJsonObject &r) {
            return r.value(u"PermissionSet"_s).toObject().value(u"PermissionsCustomizeApplication"_s).toBool();
        });
        if (!may) {
            step(*state, false, tr("Permissions"),
                 tr("the integration user may not customise the application (no Customize Application): ask an "
                    "administrator to run the setup with an administrator's connection, or to create the fields and "
                    "the permission set listed below."));
            recompare(state);
            return;
        }
        listCustomFields(state);
    });
}

void OrgSetup::listCustomFields(const StatePtr &state)
{
    QStringList quoted;
    for (const QString &object : OrgRequirements::objectsOf(state->needs))
        quoted << u'\'' + object + u'\'';
    const QString soql = u"SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId IN (%1)"_s.arg(
        quoted.join(u", "_s));
    const QString path = m_session->salesforce()->dataPath() + u"tooling/query?q="_s
                         + QString::fromLatin1(QUrl::toPercentEncoding(soql));
    m_session->salesforce()->send("GET", path, {}, true, [this, state](SalesforceResult<SalesforceClient::RawReply> r) {
        if (!r) {
            step(*state, false, tr("Custom fields"), tr("cannot list them through the Tooling API: %1").arg(errorText(r.error())));
        } else {
            for (const auto &v : r->json.object().value(u"records"_s).toArray()) {
                const QJsonObject row = v.toObject();
                state->existingFields.insert(QString(row.value(u"TableEnumOrId"_s).toString() + u'.'
                                                     + row.value(u"DeveloperName"_s).toString() + u"__c"_s).toLower());
            }
        }
        QList<OrgFieldNeed> create;
        for (const OrgFieldNeed &need : std::as_const(state->needs)) {
            const auto d = state->describes.constFind(need.object);
            const bool described = d != state->describes.cend() && d->field(need.field);
            if (need.creatable() && !described && !state->existingFields.contains(need.fullName().toLower()))
                create << need;
        }
        createFields(state, create);
    });
}

void OrgSetup::createFields(const StatePtr &state, QList<OrgFieldNeed> pending)
{
    if (pending.isEmpty()) {
        ensurePermissionSet(state);
        return;
    }
    const OrgFieldNeed need = pending.takeFirst();
    const QString path = m_session->salesforce()->dataPath() + u"tooling/sobjects/CustomField"_s;
    const QJsonDocument body(OrgRequirements::toolingBody(need));
    m_session->salesforce()->send("POST", path, body, false, [this, state, need, pending](SalesforceResult<SalesforceClient::RawReply> r) {
        QString what = need.metadataType;
        if (need.metadataType == u"Text")
            what += u"(%1)"_s.arg(need.length);
        if (need.externalId)
            what += tr(", External ID, Unique");
        step(*state, bool(r), tr("Create %1").arg(need.fullName()),
             r ? tr("created as %1.").arg(what) : errorText(r.error()));
        createFields(state, pending);
    });
}

void OrgSetup::ensurePermissionSet(const StatePtr &state)
{
    const QList<OrgPermissionNeed> permissions = permissionsToGrant(*state);
    if (fieldsToGrant(*state).isEmpty() && permissions.isEmpty()) {
        recompare(state);
        return;
    }
    const QString name = OrgRequirements::PermissionSetName.toString();
    QStringList columns{u"Id"_s};
    for (const OrgPermissionNeed &need : permissions)
        columns << need.field;
    const SoqlQuery query = SoqlQuery(u"PermissionSet"_s).select(columns).whereEquals(u"Name"_s, name);
    m_session->salesforce()->query(query, [this, state, name, permissions](SalesforceResult<QList<QJsonObject>> rows) {
        if (rows && !rows->isEmpty()) {
            state->permissionSetId = rows->first().value(u"Id"_s).toString();
            state->permissionSet = rows->first();
            ensureFieldPermissions(state);
            return;
        }
        QJsonObject fields{{u"Name"_s, name},
                           {u"Label"_s, OrgRequirements::PermissionSetLabel.toString()},
                           {u"Description"_s, u"Field access and Order permissions for the OrderBridge integration user."_s}};
        // Both Order permissions in the one create: whatever depends on what, they arrive together.
        for (const OrgPermissionNeed &need : permissions)
            fields.insert(need.field, true);
        m_session->salesforce()->create(u"PermissionSet"_s, fields, [this, state, fields, permissions](SalesforceResult<SaveResult> r) {
            step(*state, bool(r), tr("Create permission set %1").arg(OrgRequirements::PermissionSetLabel),
                 r ? tr("created.") : errorText(r.error()));
            if (!r) {
                recompare(state);
                return;
            }
            state->permissionSetId = r->id;
            state->permissionSet = fields;
            for (const OrgPermissionNeed &need : permissions)
                step(*state, true, tr("Grant %1").arg(need.label), tr("turned on in the permission set."));
            ensureFieldPermissions(state);
        });
    });
}

void OrgSetup::grantPermissions(const StatePtr &state)
{
    QJsonObject change;
    QStringList labels;
    for (const OrgPermissionNeed &need : permissionsToGrant(*state)) {
        if (!state->permissionSet.value(need.field).toBool()) {
            change.insert(need.field, true);
            labels << need.label;
        }
    }
    if (change.isEmpty()) {
        ensureAssignment(state);
        return;
    }
    m_session->salesforce()->update(u"PermissionSet"_s, state->permissionSetId, change,
                                    [this, state, labels](SalesforceResult<void> r) {
                                        for (const QString &label : labels) {
                                            step(*state, bool(r), tr("Grant %1").arg(label),
                                                 r ? tr("turned on in the permission set.") : errorText(r.error()));
                                        }
                                        ensureAssignment(state);
                                    });
}

void OrgSetup::ensureFieldPermissions(const StatePtr &state)
{
    const SoqlQuery query = SoqlQuery(u"FieldPermissions"_s)
                                .select({u"Id"_s, u"Field"_s, u"PermissionsRead"_s, u"PermissionsEdit"_s})
                                .whereEquals(u"ParentId"_s, state->permissionSetId);
    m_session->salesforce()->query(query, [this, state](SalesforceResult<QList<QJsonObject>> rows) {
        QHash<QString, QJsonObject> existing;
        if (rows) {
            for (const QJsonObject &row : std::as_const(*rows))
                existing.insert(row.value(u"Field"_s).toString().toLower(), row);
        }
        grantFields(state, fieldsToGrant(*state), existing);
    });
}

void OrgSetup::grantFields(const StatePtr &state, QList<OrgFieldNeed> pending, QHash<QString, QJsonObject> existing)
{
    if (pending.isEmpty()) {
        grantPermissions(state);
        return;
    }
    const OrgFieldNeed need = pending.takeFirst();
    const QJsonObject row = existing.value(need.fullName().toLower());
    auto done = [this, state, need, pending, existing](bool ok, const QString &detail) {
        step(*state, ok, tr("Grant %1").arg(need.fullName()), detail);
        grantFields(state, pending, existing);
    };
    if (row.value(u"PermissionsRead"_s).toBool() && row.value(u"PermissionsEdit"_s).toBool()) {
        grantFields(state, pending, existing);
        return;
    }
    const QJsonObject access{{u"PermissionsRead"_s, true}, {u"PermissionsEdit"_s, true}};
    if (!row.isEmpty()) {
        m_session->salesforce()->update(u"FieldPermissions"_s, row.value(u"Id"_s).toString(), access,
                                        [done](SalesforceResult<void> r) {
                                            done(bool(r), r ? tr("Read and Edit granted.") : errorText(r.error()));
                                        });
        return;
    }
    QJsonObject fields = access;
    fields.insert(u"ParentId"_s, state->permissionSetId);
    fields.insert(u"SobjectType"_s, need.object);
    fields.insert(u"Field"_s, need.fullName());
    m_session->salesforce()->create(u"FieldPermissions"_s, fields, [done](SalesforceResult<SaveResult> r) {
        done(bool(r), r ? tr("Read and Edit granted in the permission set.") : errorText(r.error()));
    });
}

void OrgSetup::ensureAssignment(const StatePtr &state)
{
    if (state->permissionSetId.isEmpty()) {
        recompare(state);
        return;
    }
    const QString userId = m_session->salesforce()->session().userId;
    const SoqlQuery query = SoqlQuery(u"PermissionSetAssignment"_s)
                                .select({u"Id"_s})
                                .whereEquals(u"AssigneeId"_s, userId)
                                .whereEquals(u"PermissionSetId"_s, state->permissionSetId);
    m_session->salesforce()->query(query, [this, state, userId](SalesforceResult<QList<QJsonObject>> rows) {
        if (rows && !rows->isEmpty()) {
            recompare(state);
            return;
        }
        const QJsonObject fields{{u"AssigneeId"_s, userId}, {u"PermissionSetId"_s, state->permissionSetId}};
        m_session->salesforce()->create(u"PermissionSetAssignment"_s, fields, [this, state](SalesforceResult<SaveResult> r) {
            step(*state, bool(r), tr("Assign %1").arg(OrgRequirements::PermissionSetLabel),
                 r ? tr("assigned to the integration user.") : errorText(r.error()));
            recompare(state);
        });
    });
}

} // namespace OrderBridge
