#include "whenmode.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QList<WhenMode> allWhenModes()
{
    return {WhenMode::Upsert, WhenMode::InsertOnly, WhenMode::UpdateOnly};
}

QString whenModeDbName(WhenMode mode)
{
    switch (mode) {
    case WhenMode::Upsert:
        return u"upsert"_s;
    case WhenMode::InsertOnly:
        return u"insert"_s;
    case WhenMode::UpdateOnly:
        return u"update"_s;
    }
    return {};
}

QString whenModeUserName(WhenMode mode)
{
    switch (mode) {
    case WhenMode::Upsert:
        return u"upsert"_s;
    case WhenMode::InsertOnly:
        return u"insert-only"_s;
    case WhenMode::UpdateOnly:
        return u"update-only"_s;
    }
    return {};
}

QString whenModeLabel(WhenMode mode)
{
    switch (mode) {
    case WhenMode::Upsert:
        return u"Upsert"_s;
    case WhenMode::InsertOnly:
        return u"Insert Only"_s;
    case WhenMode::UpdateOnly:
        return u"Update Only"_s;
    }
    return {};
}

std::optional<WhenMode> whenModeFromDbName(QStringView text)
{
    for (WhenMode mode : allWhenModes()) {
        if (text == whenModeDbName(mode))
            return mode;
    }
    return std::nullopt;
}

std::optional<WhenMode> whenModeFromUserName(QStringView text)
{
    const QString trimmed = text.trimmed().toString();
    for (WhenMode mode : allWhenModes()) {
        if (trimmed.compare(whenModeUserName(mode), Qt::CaseInsensitive) == 0
            || trimmed.compare(whenModeDbName(mode), Qt::CaseInsensitive) == 0
            || trimmed.compare(whenModeLabel(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}

Result<WhenMode> parseWhenMode(QStringView text)
{
    if (const auto mode = whenModeFromUserName(text))
        return *mode;
    QStringList allowed;
    for (WhenMode mode : allWhenModes())
        allowed << whenModeUserName(mode);
    return fail(ErrorKind::Invalid, u"mapping.bad_when"_s, u"Unknown When value \"%1\"."_s.arg(text),
                u"Use one of: %1."_s.arg(allowed.join(u", "_s)));
}

bool whenModeApplies(WhenMode mode, WriteOperation operation)
{
    switch (mode) {
    case WhenMode::Upsert:
        return true;
    case WhenMode::InsertOnly:
        return operation == WriteOperation::Insert;
    case WhenMode::UpdateOnly:
        return operation == WriteOperation::Update;
    }
    return false;
}

bool whenModesOverlap(WhenMode a, WhenMode b)
{
    return (whenModeApplies(a, WriteOperation::Insert) && whenModeApplies(b, WriteOperation::Insert))
        || (whenModeApplies(a, WriteOperation::Update) && whenModeApplies(b, WriteOperation::Update));
}

} // namespace OrderBridge
