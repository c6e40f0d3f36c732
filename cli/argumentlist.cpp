#include "argumentlist.h"

namespace OrderBridge {

ArgumentList::ArgumentList(QStringList args)
    : m_args(std::move(args))
{
}

std::optional<QString> ArgumentList::takeOption(const QString &name)
{
    for (qsizetype i = 0; i < m_args.size(); ++i) {
        if (m_args.at(i) == name && i + 1 < m_args.size()) {
            const QString value = m_args.at(i + 1);
            m_args.remove(i, 2);
            return value;
        }
        if (m_args.at(i).startsWith(name + u'=')) {
            const QString value = m_args.at(i).mid(name.size() + 1);
            m_args.remove(i);
            return value;
        }
    }
    return std::nullopt;
}

bool ArgumentList::takeFlag(const QString &name)
{
    return m_args.removeAll(name) > 0;
}

QString ArgumentList::takeFirst()
{
    return m_args.isEmpty() ? QString() : m_args.takeFirst();
}

} // namespace OrderBridge
