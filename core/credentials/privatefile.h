#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QString>

namespace OrderBridge {

/// Reads a file that holds secrets (the secrets file, a JWT private key). Refused unless it is a regular file that
/// only its owner can read or write (mode 0600 or stricter) and no larger than `maxBytes`. Error codes are
/// `<codePrefix>.missing`, `.not_a_file`, `.permissions`, `.too_large` and `.unreadable`; `what` names the file in
/// messages ("The secrets file").
class PrivateFile
{
public:
    [[nodiscard]] static Result<QByteArray> read(const QString &path, const QString &codePrefix, const QString &what,
                                                 qint64 maxBytes);
};

} // namespace OrderBridge
