#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace huntaze {

// Fan message templates: Mustache-style tags with two additions.
//
//   Hi {{fan.first_name|babe}}!            variable, with a fallback when empty
//   {{#fan.last_purchase}}Loved your pick of {{fan.last_purchase}}.{{/fan.last_purchase}}
//   {{^fan.last_purchase}}Have you seen my new set?{{/fan.last_purchase}}
//
// Sections render when the field is set (not empty, "0" or "false");
// inverted sections when it is not. Unlike plain Mustache, a variable that is
// not in the known list, or bad syntax, is an error that says where it is:
// a typo must never reach a fan as an empty gap.
class MessageTemplate
{
public:
    struct Variable {
        QString name;
        QString description;
    };
    // The fields a fan message may use.
    static QList<Variable> fanVariables();
    static QStringList fanVariableNames();

    // ErrorCode::Validation with `position` (offset in `source`) and a message
    // naming line and column.
    static Result<MessageTemplate> parse(const QString &source, const QStringList &knownVariables = fanVariableNames());

    QString render(const QHash<QString, QString> &values) const;
    // Every variable the template reads, in order of first use.
    QStringList usedVariables() const;
    const QString &source() const { return m_source; }

private:
    struct Node;
    using Nodes = std::vector<Node>;

    static void renderNodes(const Nodes &nodes, const QHash<QString, QString> &values, QString &out);

    QString m_source;
    std::shared_ptr<const Nodes> m_nodes;
};

// Whether a field value counts as set for a section.
bool isTruthy(const QString &value);

} // namespace huntaze
