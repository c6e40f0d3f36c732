#include "soqlevaluator.h"

#include "sfid.h"
#include "soqlparser.h"

#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

enum class TypeClass { Text, Id, Number, Boolean, Date, DateTime };

TypeClass classify(const QString &type)
{
    if (type == u"id"_s || type == u"reference"_s)
        return TypeClass::Id;
    if (type == u"currency"_s || type == u"double"_s || type == u"percent"_s || type == u"int"_s
        || type == u"long"_s)
        return TypeClass::Number;
    if (type == u"boolean"_s)
        return TypeClass::Boolean;
    if (type == u"date"_s)
        return TypeClass::Date;
    if (type == u"datetime"_s)
        return TypeClass::DateTime;
    return TypeClass::Text;
}

struct EvalFailure
{
    SoqlError error;
};

// A field path checked against the describe metadata.
struct ResolvedField
{
    QStringList idFields;        // lookup field per relationship hop
    QList<QStringList> targets;  // possible target objects per hop
    QString field;               // canonical name of the last part
    TypeClass typeClass = TypeClass::Text;
    QString type;
};

// A literal made ready for comparison with one field's values.
struct Literal
{
    bool isNull = false;
    QString text;   // Text: case-folded; Id: canonical 18-char id
    double number = 0.0;
    bool boolean = false;
    QDateTime start; // Date/DateTime: the instant, or the start of a date literal's range
    QDateTime end;   // date literals: end of the range (exclusive)
    bool isRange = false;
};

struct Compiled
{
    SoqlCondition::Kind kind = SoqlCondition::Kind::Compare;
    SoqlCondition::Op op = SoqlCondition::Op::Equal;
    ResolvedField field;
    std::vector<Literal> values;
    QSet<QString> textSet; // In/NotIn over text or ids
    bool hasNullInSet = false;
    std::shared_ptr<QRegularExpression> like;
    std::vector<Compiled> children;
};

QDateTime startOfDay(QDate date)
{
    return QDateTime(date, QTime(0, 0), Qt::UTC);
}

QDateTime parseInstant(const QJsonValue &value, TypeClass typeClass)
{
    if (!value.isString())
        return {};
    QString text = value.toString();
    if (typeClass == TypeClass::Date || text.size() == 10)
        return startOfDay(QDate::fromString(text.left(10), Qt::ISODate));
    // Salesforce writes "+0000"; Qt wants "+00:00".
    static const QRegularExpression compactOffset(u"([+-]\\d{2})(\\d{2})$"_s);
    text.replace(compactOffset, u"\\1:\\2"_s);
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    return dt.isValid() ? dt.toUTC() : dt;
}

double toNumber(const QJsonValue &value, bool *ok)
{
    if (value.isDouble()) {
        *ok = true;
        return value.toDouble();
    }
    if (value.isString())
        return value.toString().toDouble(ok);
    *ok = false;
    return 0.0;
}

// The [start, end) range of a date literal in UTC (Salesforce uses the user's zone; the sandbox user is UTC).
std::pair<QDateTime, QDateTime> dateLiteralRange(const SoqlValue &v, const QDateTime &now)
{
    const QDate today = now.toUTC().date();
    const QString &name = v.text;
    const int n = v.n;
    auto days = [](QDate from, QDate to) { return std::pair{startOfDay(from), startOfDay(to)}; };
    const QDate weekStart = today.addDays(-(today.dayOfWeek() % 7)); // weeks start on Sunday
    const QDate monthStart(today.year(), today.month(), 1);
    const QDate quarterStart(today.year(), ((today.month() - 1) / 3) * 3 + 1, 1);
    const QDate yearStart(today.year(), 1, 1);
    if (name == u"TODAY"_s) return days(today, today.addDays(1));
    if (name == u"YESTERDAY"_s) return days(today.addDays(-1), today);
    if (name == u"TOMORROW"_s) return days(today.addDays(1), today.addDays(2));
    if (name == u"THIS_WEEK"_s) return days(weekStart, weekStart.addDays(7));
    if (name == u"LAST_WEEK"_s) return days(weekStart.addDays(-7), weekStart);
    if (name == u"NEXT_WEEK"_s) return days(weekStart.addDays(7), weekStart.addDays(14));
    if (name == u"THIS_MONTH"_s) return days(monthStart, monthStart.addMonths(1));
    if (name == u"LAST_MONTH"_s) return days(monthStart.addMonths(-1), monthStart);
    if (name == u"NEXT_MONTH"_s) return days(monthStart.addMonths(1), monthStart.addMonths(2));
    if (name == u"LAST_90_DAYS"_s) return days(today.addDays(-90), today.addDays(1));
    if (name == u"NEXT_90_DAYS"_s) return days(today.addDays(1), today.addDays(91));
    if (name == u"THIS_QUARTER"_s) return days(quarterStart, quarterStart.addMonths(3));
    if (name == u"LAST_QUARTER"_s) return days(quarterStart.addMonths(-3), quarterStart);
    if (name == u"NEXT_QUARTER"_s) return days(quarterStart.addMonths(3), quarterStart.addMonths(6));
    if (name == u"THIS_YEAR"_s) return days(yearStart, yearStart.addYears(1));
    if (name == u"LAST_YEAR"_s) return days(yearStart.addYears(-1), yearStart);
    if (name == u"NEXT_YEAR"_s) return days(yearStart.addYears(1), yearStart.addYears(2));
    if (name == u"LAST_N_DAYS"_s) return days(today.addDays(-n), today.addDays(1));
    if (name == u"NEXT_N_DAYS"_s) return days(today.addDays(1), today.addDays(1 + n));
    if (name == u"N_DAYS_AGO"_s) return days(today.addDays(-n), today.addDays(-n + 1));
    if (name == u"LAST_N_WEEKS"_s) return days(weekStart.addDays(-7 * n), weekStart);
    if (name == u"NEXT_N_WEEKS"_s) return days(weekStart.addDays(7), weekStart.addDays(7 + 7 * n));
    if (name == u"LAST_N_MONTHS"_s) return days(monthStart.addMonths(-n), monthStart);
    if (name == u"NEXT_N_MONTHS"_s) return days(monthStart.addMonths(1), monthStart.addMonths(1 + n));
    if (name == u"LAST_N_YEARS"_s) return days(yearStart.addYears(-n), yearStart);
    if (name == u"NEXT_N_YEARS"_s) return days(yearStart.addYears(1), yearStart.addYears(1 + n));
    return days(today, today.addDays(1));
}

// LIKE: % any run, _ one character, \% and \_ literal; case-insensitive like Salesforce.
std::shared_ptr<QRegularExpression> likePattern(const QString &raw)
{
    QString re = u"^"_s;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw.at(i);
        if (c == u'\\' && i + 1 < raw.size()) {
            const QChar e = raw.at(++i);
            QChar literal = e;
            switch (e.toLower().unicode()) {
            case u'n': literal = u'\n'; break;
            case u'r': literal = u'\r'; break;
            case u't': literal = u'\t'; break;
            case u'b': literal = u'\b'; break;
            case u'f': literal = u'\f'; break;
            default: break;
            }
            re += QRegularExpression::escape(QString(literal));
        } else if (c == u'%') {
            re += u".*"_s;
        } else if (c == u'_') {
            re += u"."_s;
        } else {
            re += QRegularExpression::escape(QString(c));
        }
    }
    re += u"$"_s;
    return std::make_shared<QRegularExpression>(
        re, QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
}

// Compares two non-null values of one type class: <0, 0, >0.
int compareValues(const QJsonValue &a, const QJsonValue &b, TypeClass typeClass)
{
    switch (typeClass) {
    case TypeClass::Number: {
        bool okA = false, okB = false;
        const double x = toNumber(a, &okA);
        const double y = toNumber(b, &okB);
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    case TypeClass::Boolean: return int(a.toBool()) - int(b.toBool());
    case TypeClass::Date:
    case TypeClass::DateTime: {
        const QDateTime x = parseInstant(a, typeClass);
        const QDateTime y = parseInstant(b, typeClass);
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    case TypeClass::Id: return a.toString().compare(b.toString());
    case TypeClass::Text: return a.toString().compare(b.toString(), Qt::CaseInsensitive);
    }
    return 0;
}

// Sort keys: instants become numbers (ms since the epoch), text is case-folded once.
QJsonValue sortKey(const QJsonValue &value, TypeClass typeClass)
{
    if (value.isNull() || value.isUndefined())
        return QJsonValue::Null;
    switch (typeClass) {
    case TypeClass::Date:
    case TypeClass::DateTime: {
        const QDateTime t = parseInstant(value, typeClass);
        return t.isValid() ? QJsonValue(double(t.toMSecsSinceEpoch())) : QJsonValue(QJsonValue::Null);
    }
    case TypeClass::Text: return value.toString().toCaseFolded();
    case TypeClass::Id: return SfId::normalize(value.toString()).value_or(value.toString());
    case TypeClass::Number:
    case TypeClass::Boolean: return value;
    }
    return value;
}

TypeClass sortKeyClass(TypeClass typeClass)
{
    switch (typeClass) {
    case TypeClass::Date:
    case TypeClass::DateTime: return TypeClass::Number;
    case TypeClass::Text: return TypeClass::Id; // already folded: plain comparison
    case TypeClass::Id:
    case TypeClass::Number:
    case TypeClass::Boolean: return typeClass;
    }
    return typeClass;
}

void appendJsonString(QByteArray &out, const QString &s)
{
    out += '"';
    qsizetype plainStart = 0;
    auto flush = [&](qsizetype upTo) {
        if (upTo > plainStart)
            out += QStringView(s).mid(plainStart, upTo - plainStart).toUtf8();
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s.at(i).unicode();
        const char *escape = nullptr;
        switch (u) {
        case u'"': escape = "\\\""; break;
        case u'\\': escape = "\\\\"; break;
        case u'\n': escape = "\\n"; break;
        case u'\r': escape = "\\r"; break;
        case u'\t': escape = "\\t"; break;
        case u'\b': escape = "\\b"; break;
        case u'\f': escape = "\\f"; break;
        default: break;
        }
        if (!escape && u >= 0x20)
            continue;
        flush(i);
        plainStart = i + 1;
        if (escape) {
            out += escape;
        } else {
            out += "\\u00";
            out += QByteArray::number(int(u), 16).rightJustified(2, '0');
        }
    }
    flush(s.size());
    out += '"';
}

// Salesforce writes double, currency and percent fields as floating-point numbers ("2.0"), int fields as integers.
void appendJsonValue(QByteArray &out, const QJsonValue &v, bool floating = false)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: out += "null"; break;
    case QJsonValue::Bool: out += v.toBool() ? "true" : "false"; break;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9007199254740992.0)
            out += QByteArray::number(qint64(d)) + (floating ? QByteArray(".0") : QByteArray());
        else
            out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        break;
    }
    case QJsonValue::String: appendJsonString(out, v.toString()); break;
    case QJsonValue::Array:
    case QJsonValue::Object: {
        // Stored compound values (address, location) are passed through.
        const QJsonDocument doc = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
        out += doc.toJson(QJsonDocument::Compact);
        break;
    }
    }
}

QString objectFor(const QStringList &targets, const QString &id)
{
    if (targets.size() == 1)
        return targets.front();
    const QString prefix = id.left(3);
    for (const QString &t : targets) {
        if (SfId::keyPrefix(t) == prefix)
            return t;
    }
    return {};
}

// What one level of the output holds, in SELECT order.
struct OutputPlan
{
    struct Entry
    {
        enum class Kind { Field, Parent, Child };
        Kind kind = Kind::Field;
        QString name;                 // output key (canonical field / relationship name / alias)
        bool floating = false;        // Field: a double/currency/percent field
        QString idField;              // Parent
        QStringList targets;          // Parent
        std::unique_ptr<OutputPlan> sub; // Parent
        int childIndex = -1;          // Child: index into the child query list
    };
    std::vector<Entry> entries;
};

struct ChildQuery;

// One column of an aggregate query's AggregateResult rows: a GROUP BY field or an aggregate function.
struct AggregateColumn
{
    QString name;        // the field name, the alias, or exprN
    int groupIndex = -1; // >= 0: the GROUP BY field it shows
    QString function;    // COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX
    ResolvedField field;
};

// One SELECT (top level or child subquery) after name resolution.
struct PreparedQuery
{
    QString object;
    OutputPlan plan;
    std::optional<Compiled> where;
    std::vector<std::pair<ResolvedField, const SoqlOrderItem *>> order;
    std::optional<qint64> limit;
    std::optional<qint64> offset;
    std::vector<std::unique_ptr<ChildQuery>> children;
    bool aggregate = false; // GROUP BY or aggregate functions: rows are AggregateResults
    std::vector<ResolvedField> groupBy;
    std::vector<AggregateColumn> columns;
    std::vector<std::pair<int, const SoqlOrderItem *>> groupOrder; // ORDER BY over GROUP BY fields
};

struct ChildQuery
{
    QString childObject;
    QString parentField; // the child's lookup to the parent
    PreparedQuery query;
};

class Run
{
public:
    Run(const SoqlRecordSource &source, const SoqlQuery &query, const SoqlOptions &options)
        : m_source(source)
        , m_query(query)
        , m_options(options)
    {
        if (!m_options.now.isValid())
            m_options.now = QDateTime::currentDateTimeUtc();
        m_urlBase = u"/services/data/v"_s + m_options.apiVersion + u"/sobjects/"_s;
    }

    SoqlResult execute();

private:
    [[noreturn]] void fail(const QString &code, SoqlPosition position, const QString &detail) const
    {
        throw EvalFailure{SoqlError{code, SoqlParser::errorFrame(m_query.text, position, detail)}};
    }

    void prepare(PreparedQuery &prepared, const SoqlQuery &query, const QString &object, bool topLevel);
    ResolvedField resolve(const QString &object, const SoqlFieldPath &path) const;
    void addToPlan(OutputPlan &plan, const QString &object, const SoqlFieldPath &path);
    Compiled compile(const SoqlCondition &condition, const QString &object);
    void runSemiJoin(Compiled &c, const SoqlCondition &condition);
    void prepareAggregate(PreparedQuery &prepared, const SoqlQuery &query, const QString &object);
    SoqlResult runAggregate(const PreparedQuery &prepared, const QString &object);
    Literal literalFor(const SoqlValue &value, const ResolvedField &field, const SoqlFieldPath &path) const;

    QList<QJsonObject> selectRows(const PreparedQuery &prepared, const QString &object);
    QList<QJsonObject> scanOrLookup(const PreparedQuery &prepared, const QString &object);
    std::optional<QStringList> candidates(const Compiled &term, const QString &object);
    void sortAndSlice(const PreparedQuery &prepared, QList<QJsonObject> &rows);
    bool matches(const Compiled &c, const QJsonObject &record);
    bool compareMatch(const Compiled &c, const QJsonValue &value) const;
    QJsonValue valueOf(const QJsonObject &record, const ResolvedField &field);
    std::optional<QJsonObject> parentRecord(const QStringList &targets, const QString &id, QString *type);

    QHash<QString, QByteArray> runChild(const ChildQuery &child, const QList<QJsonObject> &parents,
                                        QHash<QString, int> *inlineRows);
    QByteArray childList(const QList<QByteArray> &rows, int *inlineRows) const;
    void render(QByteArray &out, const QJsonObject &record, const QString &type, const OutputPlan &plan,
                const std::vector<QHash<QString, QByteArray>> *childJson);

    const SoqlRecordSource &m_source;
    const SoqlQuery &m_query;
    SoqlOptions m_options;
    QString m_urlBase;
    QHash<QString, std::optional<QJsonObject>> m_parentCache;
    QHash<QString, QString> m_parentTypeCache;
};

ResolvedField Run::resolve(const QString &object, const SoqlFieldPath &path) const
{
    ResolvedField resolved;
    QStringList parts = path.parts;
    // "SELECT Contact.Name FROM Contact": the object's own name may prefix a path.
    if (parts.size() > 1 && parts.front().compare(object, Qt::CaseInsensitive) == 0
        && !m_source.parentRelationship(object, parts.front()))
        parts.removeFirst();
    QStringList current{object};
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        std::optional<SoqlParentRelationship> rel;
        for (const QString &o : current) {
            rel = m_source.parentRelationship(o, parts.at(i));
            if (rel)
                break;
        }
        if (!rel)
            fail(u"INVALID_FIELD"_s, path.position,
                 u"Didn't understand relationship '"_s + parts.at(i)
                     + u"' in field path. If you are attempting to use a custom relationship, be sure to append "
                       u"the '__r' after the custom relationship name. Please reference your WSDL or the describe "
                       u"call for the appropriate names."_s);
        resolved.idFields << rel->idField;
        resolved.targets << rel->targetObjects;
        current = rel->targetObjects;
    }
    for (const QString &o : current) {
        if (const auto info = m_source.field(o, parts.back())) {
            resolved.field = info->name;
            resolved.type = info->type;
            resolved.typeClass = classify(info->type);
            return resolved;
        }
    }
    fail(u"INVALID_FIELD"_s, path.position,
         u"No such column '"_s + parts.back() + u"' on entity '"_s + (current.isEmpty() ? object : current.front())
             + u"'. If you are attempting to use a custom field, be sure to append the '__c' after the custom "
               u"field name. Please reference your WSDL or the describe call for the appropriate names."_s);
}

void Run::addToPlan(OutputPlan &plan, const QString &object, const SoqlFieldPath &path)
{
    const ResolvedField resolved = resolve(object, path);
    OutputPlan *level = &plan;
    QStringList parts = path.parts;
    if (parts.size() > 1 + resolved.idFields.size())
        parts.removeFirst(); // the object-name prefix
    for (qsizetype hop = 0; hop < resolved.idFields.size(); ++hop) {
        // Canonical relationship name from the describe.
        QString relName = parts.at(hop);
        QStringList owners = hop == 0 ? QStringList{object} : resolved.targets.at(hop - 1);
        for (const QString &o : owners) {
            if (const auto rel = m_source.parentRelationship(o, parts.at(hop))) {
                relName = rel->relationshipName;
                break;
            }
        }
        auto it = std::find_if(level->entries.begin(), level->entries.end(), [&](const OutputPlan::Entry &e) {
            return e.kind == OutputPlan::Entry::Kind::Parent && e.name == relName;
        });
        if (it == level->entries.end()) {
            OutputPlan::Entry entry;
            entry.kind = OutputPlan::Entry::Kind::Parent;
            entry.name = relName;
            entry.idField = resolved.idFields.at(hop);
            entry.targets = resolved.targets.at(hop);
            entry.sub = std::make_unique<OutputPlan>();
            level->entries.push_back(std::move(entry));
            it = std::prev(level->entries.end());
        }
        level = it->sub.get();
    }
    const bool present = std::any_of(level->entries.begin(), level->entries.end(), [&](const OutputPlan::Entry &e) {
        return e.kind == OutputPlan::Entry::Kind::Field && e.name == resolved.field;
    });
    if (present) // Salesforce refuses a field selected twice (also through FIELDS()), without a caret frame.
        throw EvalFailure{SoqlError{u"INVALID_FIELD"_s, u"duplicate field selected: "_s + path.text()}};
    OutputPlan::Entry entry;
    entry.kind = OutputPlan::Entry::Kind::Field;
    entry.name = resolved.field;
    entry.floating = resolved.typeClass == TypeClass::Number && resolved.type != u"int"_s && resolved.type != u"long"_s;
    level->entries.push_back(std::move(entry));
}

Literal Run::literalFor(const SoqlValue &value, const ResolvedField &field, const SoqlFieldPath &path) const
{
    Literal literal;
    if (value.kind == SoqlValue::Kind::Null) {
        literal.isNull = true;
        return literal;
    }
    auto typeError = [&](const QString &typeName, bool quoted) {
        fail(u"INVALID_FIELD"_s, path.position,
             u"value of filter criterion for field '"_s + field.field + u"' must be of type "_s + typeName
                 + (quoted ? u" and should be enclosed in quotes"_s : u" and should not be enclosed in quotes"_s));
    };
    switch (field.typeClass) {
    case TypeClass::Text:
        if (value.kind != SoqlValue::Kind::String)
            typeError(u"string"_s, true);
        literal.text = value.text.toCaseFolded();
        return literal;
    case TypeClass::Id: {
        if (value.kind != SoqlValue::Kind::String)
            typeError(u"id"_s, true);
        const auto id = SfId::normalize(value.text);
        if (!id)
            fail(u"INVALID_QUERY_FILTER_OPERATOR"_s, value.position, u"invalid ID field: "_s + value.text);
        literal.text = *id;
        return literal;
    }
    case TypeClass::Number:
        if (value.kind != SoqlValue::Kind::Number)
            typeError(field.type == u"int"_s ? u"integer"_s : u"double"_s, false);
        literal.number = value.number;
        return literal;
    case TypeClass::Boolean:
        if (value.kind != SoqlValue::Kind::Boolean)
            typeError(u"boolean"_s, false);
        literal.boolean = value.boolean;
        return literal;
    case TypeClass::Date:
    case TypeClass::DateTime: {
        const bool isDate = field.typeClass == TypeClass::Date;
        if (value.kind == SoqlValue::Kind::DateLiteral) {
            const auto [start, end] = dateLiteralRange(value, m_options.now);
            literal.start = start;
            literal.end = end;
            literal.isRange = true;
            return literal;
        }
        if (isDate && value.kind == SoqlValue::Kind::Date) {
            literal.start = startOfDay(value.date);
            return literal;
        }
        if (!isDate && value.kind == SoqlValue::Kind::DateTime) {
            literal.start = value.dateTime;
            return literal;
        }
        typeError(isDate ? u"date"_s : u"dateTime"_s, false);
    }
    }
    return literal;
}

Compiled Run::compile(const SoqlCondition &condition, const QString &object)
{
    Compiled c;
    c.kind = condition.kind;
    c.op = condition.op;
    if (condition.kind == SoqlCondition::Kind::And || condition.kind == SoqlCondition::Kind::Or
        || condition.kind == SoqlCondition::Kind::Not) {
        for (const auto &child : condition.children)
            c.children.push_back(compile(child, object));
        return c;
    }
    c.field = resolve(object, condition.field);
    for (const auto &v : condition.values)
        c.values.push_back(literalFor(v, c.field, condition.field));
    if (condition.kind == SoqlCondition::Kind::Like) {
        const SoqlValue &v = condition.values.front();
        if (v.kind != SoqlValue::Kind::String)
            fail(u"MALFORMED_QUERY"_s, v.position, u"unexpected token: '"_s + v.text + u"'"_s);
        c.like = likePattern(v.raw);
    }
    if (condition.semiJoin)
        runSemiJoin(c, condition);
    if (condition.kind == SoqlCondition::Kind::In || condition.kind == SoqlCondition::Kind::NotIn) {
        if (c.field.typeClass == TypeClass::Text || c.field.typeClass == TypeClass::Id) {
            for (const Literal &l : c.values) {
                if (l.isNull)
                    c.hasNullInSet = true;
                else
                    c.textSet.insert(l.text);
            }
        }
    }
    return c;
}

// "Id IN (SELECT AccountId FROM Contact WHERE ...)": the inner query runs once; its ids become the IN list,
// so the outer query can still use the id lookup or an index.
void Run::runSemiJoin(Compiled &c, const SoqlCondition &condition)
{
    const SoqlQuery &inner = *condition.semiJoin;
    const auto object = m_source.objectName(inner.from);
    if (!object)
        fail(u"INVALID_TYPE"_s, inner.fromPosition,
             u"sObject type '"_s + inner.from
                 + u"' is not supported. If you are attempting to use a custom object, be sure to append the '__c' "
                   u"after the entity name. Please reference your WSDL or the describe call for the appropriate "
                   u"names."_s);
    if (inner.select.size() != 1 || inner.select.front().kind != SoqlSelectItem::Kind::Field)
        fail(u"MALFORMED_QUERY"_s, inner.select.front().position,
             u"The inner select field must be a single ID or reference field"_s);
    if (c.field.typeClass != TypeClass::Id)
        fail(u"INVALID_FIELD"_s, condition.field.position,
             u"The left operand of a semi join must be an ID or reference field: "_s + condition.field.text());
    const ResolvedField selected = resolve(*object, inner.select.front().field);
    if (selected.typeClass != TypeClass::Id)
        fail(u"INVALID_FIELD"_s, inner.select.front().position,
             u"The selected field '"_s + selected.field + u"' in a subquery must be an ID or reference field"_s);
    PreparedQuery prepared;
    prepared.object = *object;
    if (inner.where)
        prepared.where = compile(*inner.where, *object);
    prepared.order.clear();
    prepared.limit = inner.limit;
    prepared.offset = inner.offset;
    for (const QJsonObject &row : selectRows(prepared, *object)) {
        const QString id = valueOf(row, selected).toString();
        if (id.isEmpty())
            continue;
        const QString canonical = SfId::normalize(id).value_or(id);
        Literal literal;
        literal.text = canonical;
        c.values.push_back(literal);
    }
}

void Run::prepare(PreparedQuery &prepared, const SoqlQuery &query, const QString &object, bool topLevel)
{
    prepared.object = object;
    const bool aggregate = !query.groupBy.empty()
                           || std::any_of(query.select.begin(), query.select.end(), [](const SoqlSelectItem &i) {
                                  return i.kind == SoqlSelectItem::Kind::Aggregate;
                              });
    if (aggregate && topLevel) {
        prepareAggregate(prepared, query, object);
        return;
    }
    for (const auto &item : query.select) {
        switch (item.kind) {
        case SoqlSelectItem::Kind::Field: addToPlan(prepared.plan, object, item.field); break;
        case SoqlSelectItem::Kind::Count: break;
        case SoqlSelectItem::Kind::Fields: {
            const QList<SoqlFieldInfo> all = m_source.fields(object);
            if (all.isEmpty())
                fail(u"MALFORMED_QUERY"_s, item.position,
                     u"FIELDS("_s + item.scope + u") is not available for entity '"_s + object + u"'"_s);
            for (const SoqlFieldInfo &info : all) {
                const bool custom = info.custom || info.name.endsWith(u"__c"_s, Qt::CaseInsensitive);
                if ((item.scope == u"CUSTOM"_s && !custom) || (item.scope == u"STANDARD"_s && custom))
                    continue;
                addToPlan(prepared.plan, object, SoqlFieldPath{{info.name}, item.position});
            }
            break;
        }
        case SoqlSelectItem::Kind::Aggregate: // in a child subquery
            fail(u"MALFORMED_QUERY"_s, item.position, u"unexpected token: '"_s + item.function + u"'"_s);
        case SoqlSelectItem::Kind::Subquery: {
            const SoqlQuery &sub = *item.subquery;
            const auto rel = m_source.childRelationship(object, sub.from);
            if (!rel || !topLevel)
                fail(u"INVALID_TYPE"_s, sub.fromPosition,
                     u"Didn't understand relationship '"_s + sub.from
                         + u"' in FROM part of query call. If you are attempting to use a custom relationship, be "
                           u"sure to append the '__r' after the custom relationship name. Please reference your "
                           u"WSDL or the describe call for the appropriate names."_s);
            auto child = std::make_unique<ChildQuery>();
            child->childObject = rel->childObject;
            child->parentField = rel->field;
            prepare(child->query, sub, rel->childObject, false);
            OutputPlan::Entry entry;
            entry.kind = OutputPlan::Entry::Kind::Child;
            entry.name = rel->relationshipName;
            entry.childIndex = int(prepared.children.size());
            prepared.plan.entries.push_back(std::move(entry));
            prepared.children.push_back(std::move(child));
            break;
        }
        }
    }
    if (query.where)
        prepared.where = compile(*query.where, object);
    for (const auto &o : query.orderBy)
        prepared.order.emplace_back(resolve(object, o.field), &o);
    prepared.limit = query.limit;
    prepared.offset = query.offset;
}

void Run::prepareAggregate(PreparedQuery &prepared, const SoqlQuery &query, const QString &object)
{
    prepared.aggregate = true;
    for (const auto &g : query.groupBy)
        prepared.groupBy.push_back(resolve(object, g));
    auto groupIndexOf = [&](const ResolvedField &f) {
        for (size_t i = 0; i < prepared.groupBy.size(); ++i) {
            if (prepared.groupBy[i].field == f.field && prepared.groupBy[i].idFields == f.idFields)
                return int(i);
        }
        return -1;
    };
    int exprIndex = 0;
    for (const auto &item : query.select) {
        AggregateColumn column;
        switch (item.kind) {
        case SoqlSelectItem::Kind::Field: {
            column.field = resolve(object, item.field);
            column.groupIndex = groupIndexOf(column.field);
            if (column.groupIndex < 0)
                fail(u"MALFORMED_QUERY"_s, item.position,
                     u"Field must be grouped or aggregated: "_s + item.field.parts.back());
            column.name = column.field.field;
            break;
        }
        case SoqlSelectItem::Kind::Aggregate: {
            column.function = item.function;
            column.field = resolve(object, item.field);
            if ((column.function == u"SUM"_s || column.function == u"AVG"_s)
                && column.field.typeClass != TypeClass::Number)
                fail(u"MALFORMED_QUERY"_s, item.position,
                     u"field "_s + column.field.field + u" does not support aggregate operator "_s + column.function);
            column.name = item.alias.isEmpty() ? u"expr"_s + QString::number(exprIndex++) : item.alias;
            break;
        }
        case SoqlSelectItem::Kind::Count: continue; // COUNT() with GROUP BY counts the groups
        case SoqlSelectItem::Kind::Subquery:
        case SoqlSelectItem::Kind::Fields:
            fail(u"MALFORMED_QUERY"_s, item.position, u"Field must be grouped or aggregated: "_s
                 + (item.kind == SoqlSelectItem::Kind::Fields ? u"FIELDS("_s + item.scope + u")"_s
                                                              : item.subquery->from));
        }
        const bool duplicate = std::any_of(prepared.columns.begin(), prepared.columns.end(),
                                           [&](const AggregateColumn &c) { return c.name == column.name; });
        if (duplicate)
            throw EvalFailure{SoqlError{u"INVALID_FIELD"_s, u"duplicate alias: "_s + column.name}};
        prepared.columns.push_back(std::move(column));
    }
    if (query.where)
        prepared.where = compile(*query.where, object);
    for (const auto &o : query.orderBy) {
        const int index = groupIndexOf(resolve(object, o.field));
        if (index < 0)
            fail(u"MALFORMED_QUERY"_s, o.field.position, u"Ordered field must be grouped or aggregated: "_s + o.field.text());
        prepared.groupOrder.emplace_back(index, &o);
    }
    prepared.limit = query.limit;
    prepared.offset = query.offset;
}

SoqlResult Run::runAggregate(const PreparedQuery &prepared, const QString &object)
{
    struct Group
    {
        std::vector<QJsonValue> key;     // values as stored (shown in the row)
        std::vector<QJsonValue> sortKey; // comparable form
        QList<QJsonObject> rows;
    };
    std::vector<Group> groups;
    QHash<QByteArray, size_t> byKey;
    const QList<QJsonObject> rows = scanOrLookup(prepared, object);
    if (prepared.groupBy.empty())
        groups.push_back(Group{{}, {}, rows}); // one row even over no records, as Salesforce answers
    else {
        for (const QJsonObject &row : rows) {
            Group candidate;
            QByteArray id;
            for (const ResolvedField &g : prepared.groupBy) {
                const QJsonValue v = valueOf(row, g);
                candidate.key.push_back(v);
                candidate.sortKey.push_back(sortKey(v, g.typeClass));
                appendJsonValue(id, candidate.sortKey.back());
                id += '\x1f';
            }
            const auto it = byKey.constFind(id);
            if (it == byKey.constEnd()) {
                candidate.rows.append(row);
                byKey.insert(id, groups.size());
                groups.push_back(std::move(candidate));
            } else {
                groups[*it].rows.append(row);
            }
        }
    }
    if (!prepared.groupOrder.empty()) {
        std::stable_sort(groups.begin(), groups.end(), [&](const Group &a, const Group &b) {
            for (const auto &[index, item] : prepared.groupOrder) {
                const QJsonValue &x = a.sortKey[size_t(index)];
                const QJsonValue &y = b.sortKey[size_t(index)];
                if (x.isNull() != y.isNull())
                    return item->effectiveNullsFirst() ? x.isNull() : y.isNull();
                if (x.isNull())
                    continue;
                int cmp = compareValues(x, y, sortKeyClass(prepared.groupBy[size_t(index)].typeClass));
                if (item->descending)
                    cmp = -cmp;
                if (cmp != 0)
                    return cmp < 0;
            }
            return false;
        });
    }
    const size_t offset = std::min<size_t>(size_t(prepared.offset.value_or(0)), groups.size());
    size_t end = groups.size();
    if (prepared.limit)
        end = std::min(end, offset + size_t(*prepared.limit));

    SoqlResult result;
    if (m_query.isCountOnly()) {
        result.countOnly = true;
        result.totalSize = qsizetype(end - offset);
        return result;
    }
    for (size_t gi = offset; gi < end; ++gi) {
        const Group &group = groups[gi];
        QByteArray json = "{\"attributes\":{\"type\":\"AggregateResult\"}";
        for (const AggregateColumn &column : prepared.columns) {
            json += ',';
            appendJsonString(json, column.name);
            json += ':';
            const bool floating = column.field.typeClass == TypeClass::Number && column.field.type != u"int"_s
                                  && column.field.type != u"long"_s;
            if (column.groupIndex >= 0) {
                appendJsonValue(json, group.key[size_t(column.groupIndex)], floating);
                continue;
            }
            std::vector<QJsonValue> values;
            for (const QJsonObject &row : group.rows) {
                const QJsonValue v = valueOf(row, column.field);
                if (!v.isNull() && !v.isUndefined())
                    values.push_back(v);
            }
            if (column.function == u"COUNT"_s) {
                json += QByteArray::number(qsizetype(values.size()));
            } else if (column.function == u"COUNT_DISTINCT"_s) {
                QSet<QByteArray> distinct;
                for (const QJsonValue &v : values) {
                    QByteArray k;
                    appendJsonValue(k, sortKey(v, column.field.typeClass));
                    distinct.insert(k);
                }
                json += QByteArray::number(distinct.size());
            } else if (values.empty()) {
                json += "null";
            } else if (column.function == u"SUM"_s || column.function == u"AVG"_s) {
                double sum = 0.0;
                for (const QJsonValue &v : values) {
                    bool ok = false;
                    sum += toNumber(v, &ok);
                }
                appendJsonValue(json, column.function == u"SUM"_s ? sum : sum / double(values.size()), true);
            } else { // MIN, MAX
                size_t best = 0;
                for (size_t i = 1; i < values.size(); ++i) {
                    const int cmp = compareValues(sortKey(values[i], column.field.typeClass),
                                                  sortKey(values[best], column.field.typeClass),
                                                  sortKeyClass(column.field.typeClass));
                    if (column.function == u"MIN"_s ? cmp < 0 : cmp > 0)
                        best = i;
                }
                appendJsonValue(json, values[best], floating);
            }
        }
        json += '}';
        result.records.append(json);
    }
    result.totalSize = result.records.size();
    return result;
}

std::optional<QJsonObject> Run::parentRecord(const QStringList &targets, const QString &rawId, QString *type)
{
    const QString id = SfId::normalize(rawId).value_or(rawId); // a store may keep 15-character lookups
    const auto cached = m_parentCache.constFind(id);
    if (cached != m_parentCache.constEnd()) {
        *type = m_parentTypeCache.value(id);
        return *cached;
    }
    const QString object = objectFor(targets, id);
    std::optional<QJsonObject> record;
    if (!object.isEmpty())
        record = m_source.recordById(object, id, m_options.includeDeleted);
    m_parentCache.insert(id, record);
    m_parentTypeCache.insert(id, object);
    *type = object;
    return record;
}

QJsonValue Run::valueOf(const QJsonObject &record, const ResolvedField &field)
{
    if (field.idFields.isEmpty())
        return record.value(field.field);
    QJsonObject current = record;
    for (qsizetype hop = 0; hop < field.idFields.size(); ++hop) {
        const QString id = current.value(field.idFields.at(hop)).toString();
        if (id.isEmpty())
            return QJsonValue::Null;
        QString type;
        const auto parent = parentRecord(field.targets.at(hop), id, &type);
        if (!parent)
            return QJsonValue::Null;
        current = *parent;
    }
    return current.value(field.field);
}

bool Run::compareMatch(const Compiled &c, const QJsonValue &value) const
{
    const bool valueNull = value.isNull() || value.isUndefined();
    const Literal &lit = c.values.front();
    if (lit.isNull || valueNull) {
        const bool bothNull = lit.isNull && valueNull;
        switch (c.op) {
        case SoqlCondition::Op::Equal: return bothNull;
        case SoqlCondition::Op::NotEqual: return !bothNull;
        default: return false;
        }
    }
    int cmp = 0;
    switch (c.field.typeClass) {
    case TypeClass::Text: cmp = value.toString().toCaseFolded().compare(lit.text); break;
    case TypeClass::Id: {
        const QString id = SfId::normalize(value.toString()).value_or(value.toString());
        cmp = id.compare(lit.text);
        break;
    }
    case TypeClass::Number: {
        bool ok = false;
        const double x = toNumber(value, &ok);
        cmp = x < lit.number ? -1 : (x > lit.number ? 1 : 0);
        break;
    }
    case TypeClass::Boolean: cmp = int(value.toBool()) - int(lit.boolean); break;
    case TypeClass::Date:
    case TypeClass::DateTime: {
        const QDateTime t = parseInstant(value, c.field.typeClass);
        if (!t.isValid())
            return c.op == SoqlCondition::Op::NotEqual;
        if (lit.isRange) {
            const bool inside = t >= lit.start && t < lit.end;
            switch (c.op) {
            case SoqlCondition::Op::Equal: return inside;
            case SoqlCondition::Op::NotEqual: return !inside;
            case SoqlCondition::Op::Less: return t < lit.start;
            case SoqlCondition::Op::LessOrEqual: return t < lit.end;
            case SoqlCondition::Op::Greater: return t >= lit.end;
            case SoqlCondition::Op::GreaterOrEqual: return t >= lit.start;
            }
        }
        cmp = t < lit.start ? -1 : (t > lit.start ? 1 : 0);
        break;
    }
    }
    switch (c.op) {
    case SoqlCondition::Op::Equal: return cmp == 0;
    case SoqlCondition::Op::NotEqual: return cmp != 0;
    case SoqlCondition::Op::Less: return cmp < 0;
    case SoqlCondition::Op::LessOrEqual: return cmp <= 0;
    case SoqlCondition::Op::Greater: return cmp > 0;
    case SoqlCondition::Op::GreaterOrEqual: return cmp >= 0;
    }
    return false;
}

bool Run::matches(const Compiled &c, const QJsonObject &record)
{
    switch (c.kind) {
    case SoqlCondition::Kind::And:
        for (const auto &child : c.children) {
            if (!matches(child, record))
                return false;
        }
        return true;
    case SoqlCondition::Kind::Or:
        for (const auto &child : c.children) {
            if (matches(child, record))
                return true;
        }
        return false;
    case SoqlCondition::Kind::Not: return !matches(c.children.front(), record);
    case SoqlCondition::Kind::Compare: return compareMatch(c, valueOf(record, c.field));
    case SoqlCondition::Kind::Like: {
        const QJsonValue v = valueOf(record, c.field);
        if (v.isNull() || v.isUndefined())
            return false;
        const QString text = v.isString() ? v.toString() : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
        return c.like->match(text).hasMatch();
    }
    case SoqlCondition::Kind::In:
    case SoqlCondition::Kind::NotIn: {
        const QJsonValue v = valueOf(record, c.field);
        const bool isNull = v.isNull() || v.isUndefined();
        bool found = false;
        if (isNull) {
            found = std::any_of(c.values.begin(), c.values.end(), [](const Literal &l) { return l.isNull; });
        } else if (c.field.typeClass == TypeClass::Text) {
            found = c.textSet.contains(v.toString().toCaseFolded());
        } else if (c.field.typeClass == TypeClass::Id) {
            found = c.textSet.contains(SfId::normalize(v.toString()).value_or(v.toString()));
        } else {
            Compiled eq;
            eq.kind = SoqlCondition::Kind::Compare;
            eq.op = SoqlCondition::Op::Equal;
            eq.field = c.field;
            for (const Literal &l : c.values) {
                eq.values = {l};
                if (compareMatch(eq, v)) {
                    found = true;
                    break;
                }
            }
        }
        return c.kind == SoqlCondition::Kind::In ? found : !found;
    }
    }
    return false;
}

// An equality or IN on a plain field of the queried object that an index can answer.
bool indexable(const Compiled &c)
{
    if (!c.field.idFields.isEmpty())
        return false;
    if (c.kind == SoqlCondition::Kind::In)
        return std::none_of(c.values.begin(), c.values.end(), [](const Literal &l) { return l.isNull; });
    return c.kind == SoqlCondition::Kind::Compare && c.op == SoqlCondition::Op::Equal && !c.values.front().isNull
           && !c.values.front().isRange;
}

// The terms whose candidates hold every row the WHERE clause can match: one indexable term of it or of its
// AND, or each term of an OR of indexable terms (customers by e-mail or by key); empty: it needs a scan.
std::vector<const Compiled *> indexableTerms(const Compiled &where)
{
    if (indexable(where))
        return {&where};
    if (where.kind == SoqlCondition::Kind::And) {
        for (const auto &child : where.children) {
            if (indexable(child))
                return {&child};
        }
    }
    if (where.kind == SoqlCondition::Kind::Or && !where.children.empty()
        && std::all_of(where.children.begin(), where.children.end(), indexable)) {
        std::vector<const Compiled *> terms;
        for (const auto &child : where.children)
            terms.push_back(&child);
        return terms;
    }
    return {};
}

std::optional<QStringList> Run::candidates(const Compiled &term, const QString &object)
{
    if (term.field.type == u"id"_s) {
        QStringList ids;
        for (const Literal &l : term.values)
            ids.append(l.text);
        return ids;
    }
    if (term.field.typeClass == TypeClass::Date || term.field.typeClass == TypeClass::DateTime)
        return std::nullopt;
    QList<QJsonValue> values;
    for (const Literal &l : term.values) {
        switch (term.field.typeClass) {
        case TypeClass::Number: values.append(l.number); break;
        case TypeClass::Boolean: values.append(l.boolean); break;
        case TypeClass::DateTime:
        case TypeClass::Date: break;
        case TypeClass::Text:
        case TypeClass::Id: values.append(l.text); break;
        }
    }
    return m_source.candidateIds(object, term.field.field, values);
}

QList<QJsonObject> Run::scanOrLookup(const PreparedQuery &prepared, const QString &object)
{
    QList<QJsonObject> rows;
    std::optional<QStringList> ids;
    if (prepared.where) {
        for (const Compiled *term : indexableTerms(*prepared.where)) {
            const auto found = candidates(*term, object);
            if (!found) {
                ids.reset();
                break;
            }
            ids = ids.value_or(QStringList()) + *found;
        }
    }
    if (ids) {
        QSet<QString> seen;
        for (const QString &id : std::as_const(*ids)) {
            const QString canonical = SfId::normalize(id).value_or(id);
            if (seen.contains(canonical))
                continue;
            seen.insert(canonical);
            if (auto record = m_source.recordById(object, canonical, m_options.includeDeleted)) {
                if (matches(*prepared.where, *record))
                    rows.append(*record);
            }
        }
        return rows;
    }
    m_source.forEachRecord(object, m_options.includeDeleted, [&](const QJsonObject &record) {
        if (!prepared.where || matches(*prepared.where, record))
            rows.append(record);
        return true;
    });
    return rows;
}

void Run::sortAndSlice(const PreparedQuery &prepared, QList<QJsonObject> &rows)
{
    if (!prepared.order.empty()) {
        struct Keyed
        {
            std::vector<QJsonValue> keys;
            qsizetype index;
        };
        std::vector<Keyed> keyed;
        keyed.reserve(size_t(rows.size()));
        // Keys are computed once per row, in a form that compares cheaply (instants as numbers, folded text).
        for (qsizetype i = 0; i < rows.size(); ++i) {
            Keyed k{{}, i};
            for (const auto &[field, item] : prepared.order)
                k.keys.push_back(sortKey(valueOf(rows.at(i), field), field.typeClass));
            keyed.push_back(std::move(k));
        }
        std::stable_sort(keyed.begin(), keyed.end(), [&](const Keyed &a, const Keyed &b) {
            for (size_t i = 0; i < prepared.order.size(); ++i) {
                const auto &[field, item] = prepared.order[i];
                const bool aNull = a.keys[i].isNull() || a.keys[i].isUndefined();
                const bool bNull = b.keys[i].isNull() || b.keys[i].isUndefined();
                if (aNull != bNull)
                    return item->effectiveNullsFirst() ? aNull : bNull;
                if (aNull)
                    continue;
                int cmp = compareValues(a.keys[i], b.keys[i], sortKeyClass(field.typeClass));
                if (item->descending)
                    cmp = -cmp;
                if (cmp != 0)
                    return cmp < 0;
            }
            return false;
        });
        QList<QJsonObject> sorted;
        sorted.reserve(rows.size());
        for (const auto &k : keyed)
            sorted.append(rows.at(k.index));
        rows = std::move(sorted);
    }
    const qsizetype offset = std::min<qsizetype>(prepared.offset.value_or(0), rows.size());
    if (offset > 0)
        rows.remove(0, offset);
    if (prepared.limit && *prepared.limit < rows.size())
        rows.resize(qsizetype(*prepared.limit));
}

QList<QJsonObject> Run::selectRows(const PreparedQuery &prepared, const QString &object)
{
    QList<QJsonObject> rows = scanOrLookup(prepared, object);
    sortAndSlice(prepared, rows);
    return rows;
}

// One parent's child list as a query result. Beyond the child page size only the first rows are inline and the
// list carries done:false with its own nextRecordsUrl, as Salesforce pages child subqueries.
QByteArray Run::childList(const QList<QByteArray> &rows, int *inlineRows) const
{
    qsizetype shown = rows.size();
    QString next;
    if (m_options.childCursor && m_options.childPageSize > 0 && rows.size() > m_options.childPageSize) {
        shown = m_options.childPageSize;
        next = m_options.childCursor(rows, shown);
    }
    QByteArray json = "{\"totalSize\":" + QByteArray::number(rows.size()) + ",\"done\":";
    if (next.isEmpty()) {
        json += "true";
    } else {
        json += "false,\"nextRecordsUrl\":";
        appendJsonString(json, next);
    }
    json += ",\"records\":[";
    for (qsizetype i = 0; i < shown; ++i) {
        if (i > 0)
            json += ',';
        json += rows.at(i);
    }
    json += "]}";
    *inlineRows = int(shown);
    return json;
}

QHash<QString, QByteArray> Run::runChild(const ChildQuery &child, const QList<QJsonObject> &parents,
                                         QHash<QString, int> *inlineRows)
{
    QHash<QString, QByteArray> out;
    if (parents.isEmpty())
        return out;
    QList<QJsonValue> parentIds;
    QSet<QString> parentSet;
    for (const QJsonObject &p : parents) {
        const QString id = p.value(u"Id"_s).toString();
        parentIds.append(id);
        parentSet.insert(id);
    }
    QList<QJsonObject> candidates;
    const PreparedQuery &q = child.query;
    auto accept = [&](const QJsonObject &record) {
        const QString parentId = SfId::normalize(record.value(child.parentField).toString()).value_or(QString());
        if (parentSet.contains(parentId) && (!q.where || matches(*q.where, record)))
            candidates.append(record);
    };
    if (const auto ids = m_source.candidateIds(child.childObject, child.parentField, parentIds)) {
        for (const QString &id : *ids) {
            if (const auto record = m_source.recordById(child.childObject, id, m_options.includeDeleted))
                accept(*record);
        }
    } else {
        m_source.forEachRecord(child.childObject, m_options.includeDeleted, [&](const QJsonObject &record) {
            accept(record);
            return true;
        });
    }
    QHash<QString, QList<QJsonObject>> groups;
    for (const QJsonObject &record : std::as_const(candidates))
        groups[SfId::normalize(record.value(child.parentField).toString()).value_or(QString())].append(record);
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        QList<QJsonObject> &rows = it.value();
        sortAndSlice(q, rows);
        if (rows.isEmpty())
            continue;
        const std::vector<QHash<QString, QByteArray>> none;
        QList<QByteArray> rendered;
        rendered.reserve(rows.size());
        for (const QJsonObject &row : std::as_const(rows)) {
            QByteArray json;
            render(json, row, child.childObject, q.plan, &none);
            rendered.append(json);
        }
        int shown = 0;
        out.insert(it.key(), childList(rendered, &shown));
        (*inlineRows)[it.key()] += shown;
    }
    return out;
}

void Run::render(QByteArray &out, const QJsonObject &record, const QString &type, const OutputPlan &plan,
                 const std::vector<QHash<QString, QByteArray>> *childJson)
{
    const QString id = record.value(u"Id"_s).toString();
    out += "{\"attributes\":{\"type\":";
    appendJsonString(out, type);
    out += ",\"url\":";
    appendJsonString(out, m_urlBase + type + u'/' + id);
    out += '}';
    for (const auto &entry : plan.entries) {
        out += ',';
        appendJsonString(out, entry.name);
        out += ':';
        switch (entry.kind) {
        case OutputPlan::Entry::Kind::Field: appendJsonValue(out, record.value(entry.name), entry.floating); break;
        case OutputPlan::Entry::Kind::Parent: {
            const QString parentId = record.value(entry.idField).toString();
            QString parentType;
            const auto parent = parentId.isEmpty() ? std::nullopt : parentRecord(entry.targets, parentId, &parentType);
            if (parent)
                render(out, *parent, parentType, *entry.sub, nullptr);
            else
                out += "null";
            break;
        }
        case OutputPlan::Entry::Kind::Child: {
            const QByteArray *json = nullptr;
            if (childJson && size_t(entry.childIndex) < childJson->size()) {
                const auto &map = (*childJson)[size_t(entry.childIndex)];
                const auto it = map.constFind(id);
                if (it != map.constEnd())
                    json = &it.value();
            }
            out += json ? *json : QByteArray("null");
            break;
        }
        }
    }
    out += '}';
}

SoqlResult Run::execute()
{
    const auto object = m_source.objectName(m_query.from);
    if (!object)
        fail(u"INVALID_TYPE"_s, m_query.fromPosition,
             u"sObject type '"_s + m_query.from
                 + u"' is not supported. If you are attempting to use a custom object, be sure to append the '__c' "
                   u"after the entity name. Please reference your WSDL or the describe call for the appropriate "
                   u"names."_s);
    PreparedQuery prepared;
    prepare(prepared, m_query, *object, true);

    if (prepared.aggregate)
        return runAggregate(prepared, *object);
    SoqlResult result;
    if (m_query.isCountOnly()) {
        const QList<QJsonObject> rows = selectRows(prepared, *object);
        result.countOnly = true;
        result.totalSize = rows.size();
        return result;
    }
    const QList<QJsonObject> rows = selectRows(prepared, *object);
    std::vector<QHash<QString, QByteArray>> childJson;
    QHash<QString, int> inlineRows; // parent Id -> child rows it carries inline, over all its subqueries
    for (const auto &child : prepared.children)
        childJson.push_back(runChild(*child, rows, &inlineRows));
    result.records.reserve(rows.size());
    for (const QJsonObject &row : rows) {
        QByteArray json;
        json.reserve(256);
        render(json, row, *object, prepared.plan, &childJson);
        result.records.append(json);
        if (!prepared.children.empty())
            result.weights.append(1 + inlineRows.value(row.value(u"Id"_s).toString()));
    }
    result.totalSize = rows.size();
    return result;
}

} // namespace

QByteArray SoqlResult::pageJson(qsizetype from, qsizetype count, const QString &nextRecordsUrl) const
{
    QByteArray out = "{\"totalSize\":" + QByteArray::number(totalSize) + ",\"done\":"
                     + (nextRecordsUrl.isEmpty() ? QByteArray("true") : QByteArray("false"));
    if (!nextRecordsUrl.isEmpty()) {
        out += ",\"nextRecordsUrl\":";
        appendJsonString(out, nextRecordsUrl);
    }
    out += ",\"records\":[";
    const qsizetype end = std::min(records.size(), from + count);
    for (qsizetype i = std::max<qsizetype>(from, 0); i < end; ++i) {
        if (i > from)
            out += ',';
        out += records.at(i);
    }
    out += "]}";
    return out;
}

qsizetype SoqlResult::pageEnd(qsizetype from, int batchSize) const
{
    qsizetype end = std::max<qsizetype>(from, 0);
    qint64 used = 0;
    while (end < records.size()) {
        const int weight = end < weights.size() ? weights.at(end) : 1;
        if (used > 0 && used + weight > batchSize)
            break;
        used += weight;
        ++end;
    }
    return end;
}

QJsonArray SoqlResult::recordsArray() const
{
    QJsonArray array;
    for (const QByteArray &json : records)
        array.append(QJsonDocument::fromJson(json).object());
    return array;
}

SoqlEvaluator::SoqlEvaluator(const SoqlRecordSource &source)
    : m_source(source)
{
}

std::expected<SoqlResult, SoqlError> SoqlEvaluator::execute(const QString &soql, const SoqlOptions &options) const
{
    auto query = SoqlParser::parseQuery(soql);
    if (!query)
        return std::unexpected(query.error());
    return execute(*query, options);
}

std::expected<SoqlResult, SoqlError> SoqlEvaluator::execute(const SoqlQuery &query, const SoqlOptions &options) const
{
    try {
        Run run(m_source, query, options);
        return run.execute();
    } catch (const EvalFailure &failure) {
        return std::unexpected(failure.error);
    }
}

} // namespace Sandbox
