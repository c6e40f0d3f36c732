#include "catalog.h"

#include <random>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

const CatalogProduct *Catalog::productById(int id) const
{
    for (const auto &p : products) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

const CatalogProduct *Catalog::productBySku(const QString &sku) const
{
    for (const auto &p : products) {
        if (p.sku == sku)
            return &p;
    }
    return nullptr;
}

namespace {

struct NameSeed
{
    const char16_t *sku;
    const char16_t *name;
};

// Names carry non-ASCII characters on purpose: clients must keep UTF-8 intact end to end.
constexpr NameSeed kSimple[] = {
    {u"MB-1001", u"Joust Duffle Bag"},        {u"MB-1002", u"Strive Shoulder Pack"},
    {u"MB-1003", u"Crown Summit Backpack"},   {u"MG-2001", u"Café Espresso Mug"},
    {u"MG-2002", u"Crème Brûlée Ramekin Set"}, {u"MG-2003", u"Smörgåsbord Serving Board"},
    {u"YG-3001", u"Sprite Yoga Strap 6 foot"}, {u"YG-3002", u"Harmony Lumaflex™ Band"},
    {u"YG-3003", u"Zen Foam Roller"},          {u"WT-4001", u"Aim Analog Watch"},
    {u"WT-4002", u"Luma Ørsted Chrono"},       {u"WT-4003", u"Bolo Sport Watch"},
    {u"BT-5001", u"Pursuit Lumaflex™ Tone Band"}, {u"BT-5002", u"Affirm Water Bottle"},
    {u"BT-5003", u"Dual Handle Cardio Ball"},  {u"KT-6001", u"Señorita Chef Knife"},
    {u"KT-6002", u"Übergroß Cutting Board"},   {u"KT-6003", u"Çay Glass Set (6)"},
    {u"BK-7001", u"Fusion Backpack"},          {u"BK-7002", u"Wayfarer Messenger Bag"},
};

constexpr NameSeed kConfigurable[] = {
    {u"MH01", u"Chaz Kangeroo Hoodie"},  {u"MH02", u"Teton Pullover Hoodie"},
    {u"WS12", u"Radiant Tee"},           {u"WJ03", u"Augusta Pullover Jacket"},
    {u"MS04", u"Gobi HeatTec® Tee"},     {u"WP07", u"Zoë Yoga Pant"},
};

constexpr NameSeed kBundle[] = {
    {u"24-WG080", u"Sprite Yoga Companion Kit"},
    {u"24-WG090", u"Barista Starter Kit — Café Edition"},
    {u"24-WG095", u"Weekend Hiker Bundle"},
};

constexpr NameSeed kVirtual[] = {
    {u"VW-0001", u"Extended Warranty (2 years)"},
    {u"VW-0002", u"Gift Wrapping Service"},
};

struct Person
{
    const char16_t *first;
    const char16_t *last;
};

constexpr Person kPeople[] = {
    {u"José", u"Müller"},      {u"Zoë", u"Ødegaard"},      {u"Renée", u"Dubois"},
    {u"Łukasz", u"Wiśniewski"}, {u"Søren", u"Kjærgaard"},  {u"François", u"Lefèvre"},
    {u"Ana", u"Núñez"},        {u"Björn", u"Åström"},      {u"Chloé", u"Gauthier"},
    {u"Jürgen", u"Groß"},      {u"İlkay", u"Yılmaz"},      {u"Siobhán", u"Ó Briain"},
    {u"Dvořák", u"Antonín"},   {u"Mária", u"Kováčová"},    {u"Þór", u"Guðmundsson"},
    {u"Nguyễn", u"Văn An"},    {u"Jane", u"Doe"},          {u"John", u"Smith"},
    {u"Emily", u"O'Connor"},   {u"Miguel", u"Ángel Pérez"}, {u"Ева", u"Иванова"},
    {u"太郎", u"田中"},         {u"Anaïs", u"Noël"},        {u"Małgorzata", u"Zając"},
};

struct Place
{
    const char16_t *city;
    const char16_t *postcode;
    const char16_t *country;
    const char16_t *region;
};

constexpr Place kPlaces[] = {
    {u"Purchase", u"10577", u"US", u"NY"},  {u"Austin", u"78701", u"US", u"TX"},
    {u"San José", u"95112", u"US", u"CA"},  {u"Calabasas", u"91302", u"US", u"CA"},
    {u"Portland", u"97205", u"US", u"OR"},  {u"München", u"80331", u"DE", u""},
    {u"Paris", u"75002", u"FR", u""},       {u"Kraków", u"30-001", u"PL", u""},
    {u"Århus", u"8000", u"DK", u""},        {u"Chicago", u"60601", u"US", u"IL"},
};

constexpr const char16_t *kStreets[] = {
    u"123 Oak Ave", u"42 Rue de l'Église", u"7 Königstraße", u"500 Congress Ave",
    u"18 Ulica Floriańska", u"9 Søndergade", u"1600 Amphitheatre Pkwy", u"77 Elm Street",
};

QString asciiLocal(const QString &s)
{
    QString out;
    for (const QChar c : s.normalized(QString::NormalizationForm_D)) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            out += c.toLower();
    }
    return out.isEmpty() ? u"customer"_s : out;
}

} // namespace

Catalog generateCatalog(quint64 seed)
{
    std::mt19937_64 rng(seed * 0x2545F4914F6CDD1DULL + 0x51ed2701);
    auto price = [&](int lo, int hi) {
        std::uniform_int_distribution<int> d(lo * 100, hi * 100);
        return d(rng) / 100.0;
    };
    Catalog c;
    int nextId = 1;
    for (const auto &s : kSimple) {
        CatalogProduct p;
        p.id = nextId++;
        p.sku = QString::fromUtf16(s.sku);
        p.name = QString::fromUtf16(s.name);
        p.type = u"simple"_s;
        p.price = price(5, 90);
        p.weight = 1.0;
        c.products.append(p);
    }
    static constexpr const char16_t *sizes[] = {u"S", u"M", u"L"};
    for (const auto &s : kConfigurable) {
        CatalogProduct parent;
        parent.id = nextId++;
        parent.sku = QString::fromUtf16(s.sku);
        parent.name = QString::fromUtf16(s.name);
        parent.type = u"configurable"_s;
        parent.price = price(20, 80);
        parent.weight = 1.0;
        const int parentIndex = int(c.products.size());
        c.products.append(parent);
        int value = 166;
        for (const auto *size : sizes) {
            CatalogProduct child;
            child.id = nextId++;
            child.sku = parent.sku + u'-' + QString::fromUtf16(size);
            child.name = parent.name + u'-' + QString::fromUtf16(size);
            child.type = u"simple"_s;
            child.price = parent.price;
            child.weight = 1.0;
            child.parentId = parent.id;
            child.optionValue = value++;
            child.optionLabel = QString::fromUtf16(size);
            c.products[parentIndex].childIds.append(child.id);
            c.products.append(child);
        }
    }
    for (const auto &s : kBundle) {
        CatalogProduct b;
        b.id = nextId++;
        b.sku = QString::fromUtf16(s.sku);
        b.name = QString::fromUtf16(s.name);
        b.type = u"bundle"_s;
        b.weight = 0.0;
        // Dynamic-price bundle of two or three simple products; its price is the sum of its options.
        std::uniform_int_distribution<int> pick(0, int(std::size(kSimple)) - 1);
        std::uniform_int_distribution<int> count(2, 3);
        const int n = count(rng);
        while (b.childIds.size() < n) {
            const int id = c.products.at(pick(rng)).id;
            if (!b.childIds.contains(id))
                b.childIds.append(id);
        }
        // The last bundle has a dynamic SKU (sku_type 0), the others a fixed one.
        b.dynamicSku = (&s == &kBundle[std::size(kBundle) - 1]);
        for (int id : b.childIds) {
            b.price += c.products.at(id - 1).price;
            b.weight += c.products.at(id - 1).weight;
        }
        c.products.append(b);
    }
    for (const auto &s : kVirtual) {
        CatalogProduct v;
        v.id = nextId++;
        v.sku = QString::fromUtf16(s.sku);
        v.name = QString::fromUtf16(s.name);
        v.type = u"virtual"_s;
        v.price = price(5, 30);
        c.products.append(v);
    }
    {
        // A fixed-SKU bundle whose own SKU ends in its options' SKUs (a store may name a kit after its contents):
        // cutting the option lines' SKUs off the ordered SKU, as for a dynamic SKU, would give "24-WG099".
        // Drawn without the random generator and kept out of the generated orders, so the seeded store is as before.
        CatalogProduct b;
        b.id = nextId++;
        b.sku = u"24-WG099-MB-1001-YG-3001"_s;
        b.name = u"Trail Day Kit"_s;
        b.type = u"bundle"_s;
        b.newInCatalog = true;
        for (const QString &option : {u"MB-1001"_s, u"YG-3001"_s}) {
            const CatalogProduct *p = c.productBySku(option);
            b.childIds.append(p->id);
            b.price += p->price;
            b.weight += p->weight;
        }
        c.products.append(b);
    }

    // Customers: a seed-dependent pairing of first and last names, places and streets.
    constexpr int customerCount = 40;
    std::uniform_int_distribution<int> pickPerson(0, int(std::size(kPeople)) - 1);
    std::uniform_int_distribution<int> pickPlace(0, int(std::size(kPlaces)) - 1);
    std::uniform_int_distribution<int> pickStreet(0, int(std::size(kStreets)) - 1);
    std::uniform_int_distribution<int> digits(1000, 9999);
    for (int i = 0; i < customerCount; ++i) {
        CatalogCustomer cu;
        cu.id = i + 1;
        const Person &a = kPeople[pickPerson(rng)];
        const Person &b = kPeople[pickPerson(rng)];
        cu.firstname = QString::fromUtf16(a.first);
        cu.lastname = QString::fromUtf16(b.last);
        cu.email = asciiLocal(cu.firstname) + u'.' + asciiLocal(cu.lastname) + QString::number(cu.id)
                   + u"@example.com"_s;
        const Place &pl = kPlaces[pickPlace(rng)];
        cu.city = QString::fromUtf16(pl.city);
        cu.postcode = QString::fromUtf16(pl.postcode);
        cu.countryId = QString::fromUtf16(pl.country);
        cu.regionCode = QString::fromUtf16(pl.region);
        cu.street = QString::fromUtf16(kStreets[pickStreet(rng)]);
        cu.telephone = u"512-555-%1"_s.arg(digits(rng));
        // Every third customer already exists in the org, so first syncs see both matches and creations.
        cu.existsInSalesforce = (i % 3) == 0;
        c.customers.append(cu);
    }
    return c;
}

} // namespace Sandbox
