#include "sfaddresspicklists.h"

#include <QByteArray>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

struct Country
{
    const char16_t *code;
    const char16_t *name; // the integration value, by default the name
};

struct State
{
    const char16_t *country;
    const char16_t *code;
    const char16_t *name;
};

// A subset of Salesforce's 235 standard countries and territories; of these, states are configured for the
// United States and Canada (Salesforce also ships states for a few more, e.g. Australia, Brazil, Mexico).
constexpr Country kCountries[] = {
    {u"AT", u"Austria"},       {u"AU", u"Australia"},     {u"BE", u"Belgium"},        {u"BR", u"Brazil"},
    {u"CA", u"Canada"},        {u"CH", u"Switzerland"},   {u"CN", u"China"},          {u"DE", u"Germany"},
    {u"DK", u"Denmark"},       {u"ES", u"Spain"},         {u"FI", u"Finland"},        {u"FR", u"France"},
    {u"GB", u"United Kingdom"}, {u"IE", u"Ireland"},      {u"IN", u"India"},          {u"IT", u"Italy"},
    {u"JP", u"Japan"},         {u"MX", u"Mexico"},        {u"NL", u"Netherlands"},    {u"NO", u"Norway"},
    {u"NZ", u"New Zealand"},   {u"PL", u"Poland"},        {u"PT", u"Portugal"},       {u"SE", u"Sweden"},
    {u"US", u"United States"},
};

constexpr State kStates[] = {
    {u"US", u"AL", u"Alabama"},        {u"US", u"AK", u"Alaska"},          {u"US", u"AZ", u"Arizona"},
    {u"US", u"AR", u"Arkansas"},       {u"US", u"CA", u"California"},      {u"US", u"CO", u"Colorado"},
    {u"US", u"CT", u"Connecticut"},    {u"US", u"DE", u"Delaware"},        {u"US", u"DC", u"District of Columbia"},
    {u"US", u"FL", u"Florida"},        {u"US", u"GA", u"Georgia"},         {u"US", u"HI", u"Hawaii"},
    {u"US", u"ID", u"Idaho"},          {u"US", u"IL", u"Illinois"},        {u"US", u"IN", u"Indiana"},
    {u"US", u"IA", u"Iowa"},           {u"US", u"KS", u"Kansas"},          {u"US", u"KY", u"Kentucky"},
    {u"US", u"LA", u"Louisiana"},      {u"US", u"ME", u"Maine"},           {u"US", u"MD", u"Maryland"},
    {u"US", u"MA", u"Massachusetts"},  {u"US", u"MI", u"Michigan"},        {u"US", u"MN", u"Minnesota"},
    {u"US", u"MS", u"Mississippi"},    {u"US", u"MO", u"Missouri"},        {u"US", u"MT", u"Montana"},
    {u"US", u"NE", u"Nebraska"},       {u"US", u"NV", u"Nevada"},          {u"US", u"NH", u"New Hampshire"},
    {u"US", u"NJ", u"New Jersey"},     {u"US", u"NM", u"New Mexico"},      {u"US", u"NY", u"New York"},
    {u"US", u"NC", u"North Carolina"}, {u"US", u"ND", u"North Dakota"},    {u"US", u"OH", u"Ohio"},
    {u"US", u"OK", u"Oklahoma"},       {u"US", u"OR", u"Oregon"},          {u"US", u"PA", u"Pennsylvania"},
    {u"US", u"RI", u"Rhode Island"},   {u"US", u"SC", u"South Carolina"},  {u"US", u"SD", u"South Dakota"},
    {u"US", u"TN", u"Tennessee"},      {u"US", u"TX", u"Texas"},           {u"US", u"UT", u"Utah"},
    {u"US", u"VT", u"Vermont"},        {u"US", u"VA", u"Virginia"},        {u"US", u"WA", u"Washington"},
    {u"US", u"WV", u"West Virginia"},  {u"US", u"WI", u"Wisconsin"},       {u"US", u"WY", u"Wyoming"},
    {u"CA", u"AB", u"Alberta"},        {u"CA", u"BC", u"British Columbia"}, {u"CA", u"MB", u"Manitoba"},
    {u"CA", u"NB", u"New Brunswick"},  {u"CA", u"NL", u"Newfoundland and Labrador"},
    {u"CA", u"NS", u"Nova Scotia"},    {u"CA", u"ON", u"Ontario"},         {u"CA", u"PE", u"Prince Edward Island"},
    {u"CA", u"QC", u"Quebec"},         {u"CA", u"SK", u"Saskatchewan"},
};

int countryIndex(const QString &code)
{
    for (int i = 0; i < int(std::size(kCountries)); ++i) {
        if (code == QStringView(kCountries[i].code))
            return i;
    }
    return -1;
}

// validFor: one bit per value of the controlling picklist, in its order, most significant bit first.
QString validFor(const QString &country)
{
    QByteArray bits((int(std::size(kCountries)) + 7) / 8, '\0');
    const int i = countryIndex(country);
    bits[i / 8] = char(bits.at(i / 8) | char(0x80 >> (i % 8)));
    return QString::fromLatin1(bits.toBase64());
}

SfField picklistField(const QString &name, const QString &label)
{
    SfField f;
    f.name = name;
    f.label = label;
    f.type = u"picklist"_s;
    f.length = 255;
    f.restrictedPicklist = true;
    return f;
}

QString labelPrefix(const SfObjectType &type, const QString &prefix)
{
    const SfField *country = type.field(prefix + u"Country"_s);
    return country ? country->label.chopped(u" Country"_s.size()) : prefix;
}

SfError countryProblem(const SfObjectType &type, const QString &prefix, const QString &field)
{
    return SfError{u"FIELD_INTEGRITY_EXCEPTION"_s,
                   u"There's a problem with this country, even though it may appear correct. Please select a "
                   "country/territory from the list of valid countries.: %1 Country"_s.arg(labelPrefix(type, prefix)),
                   {field}};
}

SfError stateProblem(const SfObjectType &type, const QString &prefix, const QString &field)
{
    return SfError{u"FIELD_INTEGRITY_EXCEPTION"_s,
                   u"There's a problem with this state, even though it may appear correct. Please select a state "
                   "from the list of valid states.: %1 State/Province"_s.arg(labelPrefix(type, prefix)),
                   {field}};
}

QString text(const QJsonValue &v)
{
    return v.isString() ? v.toString().trimmed() : QString();
}

// The country half: a code must be known, a name must be an integration value, both must agree.
std::optional<SfError> applyCountry(const SfObjectType &type, const QString &p, const QJsonObject &given, QJsonObject &record)
{
    const QString nameField = p + u"Country"_s;
    const QString codeField = p + u"CountryCode"_s;
    const bool nameGiven = given.contains(nameField);
    const bool codeGiven = given.contains(codeField);
    if (!nameGiven && !codeGiven)
        return std::nullopt;
    const QString name = text(given.value(nameField));
    const QString code = text(given.value(codeField));
    int index = -1;
    if (!code.isEmpty()) {
        index = countryIndex(code);
        if (index < 0)
            return countryProblem(type, p, codeField);
    }
    if (!name.isEmpty()) {
        int byName = -1;
        for (int i = 0; i < int(std::size(kCountries)); ++i) {
            if (name.compare(QStringView(kCountries[i].name), Qt::CaseInsensitive) == 0)
                byName = i;
        }
        if (byName < 0 || (index >= 0 && byName != index))
            return countryProblem(type, p, nameField);
        index = byName;
    }
    record.insert(nameField, index < 0 ? QJsonValue() : QJsonValue(QString::fromUtf16(kCountries[index].name)));
    record.insert(codeField, index < 0 ? QJsonValue() : QJsonValue(QString::fromUtf16(kCountries[index].code)));
    return std::nullopt;
}

std::optional<SfError> applyState(const SfObjectType &type, const QString &p, const QJsonObject &given, QJsonObject &record)
{
    const QString nameField = p + u"State"_s;
    const QString codeField = p + u"StateCode"_s;
    const bool countryChanged = given.contains(p + u"Country"_s) || given.contains(p + u"CountryCode"_s);
    if (!given.contains(nameField) && !given.contains(codeField) && !countryChanged)
        return std::nullopt;
    // A half the request sets alone is the truth; the other half follows it.
    QString name = text(record.value(nameField));
    QString code = text(record.value(codeField));
    if (given.contains(nameField) && !given.contains(codeField))
        code.clear();
    else if (given.contains(codeField) && !given.contains(nameField))
        name.clear();
    if (name.isEmpty() && code.isEmpty()) {
        record.insert(nameField, QJsonValue());
        record.insert(codeField, QJsonValue());
        return std::nullopt;
    }
    const QString country = text(record.value(p + u"CountryCode"_s));
    if (country.isEmpty()) {
        return SfError{u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"A country/territory must be specified before specifying a state value for field: %1 "
                       "State/Province"_s.arg(labelPrefix(type, p)),
                       {given.contains(codeField) ? codeField : nameField}};
    }
    for (const State &s : kStates) {
        if (country != QStringView(s.country))
            continue;
        const bool codeMatches = code.isEmpty() || code == QStringView(s.code);
        const bool nameMatches = name.isEmpty() || name.compare(QStringView(s.name), Qt::CaseInsensitive) == 0;
        if (codeMatches && nameMatches) {
            record.insert(nameField, QString::fromUtf16(s.name));
            record.insert(codeField, QString::fromUtf16(s.code));
            return std::nullopt;
        }
    }
    return stateProblem(type, p, given.contains(codeField) || name.isEmpty() ? codeField : nameField);
}

} // namespace

void SfAddressPicklists::addFields(SfObjectType &object)
{
    QList<SfField> fields;
    for (const SfField &f : std::as_const(object.fields)) {
        fields.append(f);
        if (!f.name.endsWith(u"Country"_s) || f.type != u"string")
            continue;
        const QString prefix = f.name.chopped(u"Country"_s.size());
        const QString label = f.label.chopped(u" Country"_s.size());
        SfField state = picklistField(prefix + u"StateCode"_s, label + u" State/Province Code"_s);
        state.controllerName = prefix + u"CountryCode"_s;
        for (const State &s : kStates)
            state.picklistValues.append({QString::fromUtf16(s.code), QString::fromUtf16(s.name), false,
                                         validFor(QString::fromUtf16(s.country))});
        SfField country = picklistField(prefix + u"CountryCode"_s, label + u" Country Code"_s);
        for (const Country &c : kCountries)
            country.picklistValues.append({QString::fromUtf16(c.code), QString::fromUtf16(c.name), false, {}});
        fields.append(state);
        fields.append(country);
    }
    object.fields = fields;
    object.fieldIndex.clear();
    object.relationshipIndex.clear();
    for (int i = 0; i < object.fields.size(); ++i) {
        object.fieldIndex.insert(object.fields.at(i).name.toLower(), i);
        if (!object.fields.at(i).relationshipName.isEmpty())
            object.relationshipIndex.insert(object.fields.at(i).relationshipName.toLower(), i);
    }
}

std::optional<SfError> SfAddressPicklists::apply(const SfObjectType &type, const QJsonObject &given, QJsonObject &record)
{
    for (const SfField &f : type.fields) {
        if (!f.name.endsWith(u"CountryCode"_s))
            continue;
        const QString prefix = f.name.chopped(u"CountryCode"_s.size());
        if (auto e = applyCountry(type, prefix, given, record))
            return e;
        if (auto e = applyState(type, prefix, given, record))
            return e;
    }
    return std::nullopt;
}

} // namespace Sandbox
