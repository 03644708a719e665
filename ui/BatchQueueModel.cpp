#include "BatchQueueModel.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace unblur::ui {

using batch::ItemState;

BatchQueueModel::BatchQueueModel(QObject* parent) : QAbstractTableModel(parent) {}

void BatchQueueModel::setItems(const std::vector<batch::BatchItem>& items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

void BatchQueueModel::setItem(int index, const batch::BatchItem& item)
{
    if (index < 0 || index >= int(m_items.size())) {
        return;
    }
    m_items[size_t(index)] = item;
    Q_EMIT dataChanged(this->index(index, 0), this->index(index, ColumnCount - 1));
}

int BatchQueueModel::count(ItemState state) const
{
    return int(std::count_if(m_items.begin(), m_items.end(), [state](const batch::BatchItem& item) {
        return item.state == state;
    }));
}

QString BatchQueueModel::stateText(ItemState state)
{
    switch (state) {
    case ItemState::Queued:
        return tr("Queued");
    case ItemState::Working:
        return tr("Working");
    case ItemState::Done:
        return tr("Done");
    case ItemState::Skipped:
        return tr("Skipped");
    case ItemState::Failed:
        return tr("Failed");
    case ItemState::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

int BatchQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int BatchQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BatchQueueModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_items.size())) {
        return {};
    }
    const batch::BatchItem& item = m_items[size_t(index.row())];
    const bool problem = item.state == ItemState::Failed;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Photo:
            return QDir::toNativeSeparators(item.relative);
        case State:
            return stateText(item.state);
        case Result:
            if (!item.reason.isEmpty()) {
                return item.reason;
            }
            return item.state == ItemState::Done ? QFileInfo(item.output).fileName() : QString();
        case Time:
            return item.seconds > 0 ? tr("%1 s").arg(item.seconds, 0, 'f', 1) : QString();
        case Refinement:
            return item.refinement.startsWith(QLatin1String("applied"))   ? tr("Applied")
                   : item.refinement.startsWith(QLatin1String("skipped")) ? tr("Skipped")
                                                                          : QString();
        }
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == Photo) {
            return QDir::toNativeSeparators(item.input);
        }
        if (index.column() == Result) {
            return item.reason.isEmpty() ? QDir::toNativeSeparators(item.output) : item.reason;
        }
        if (index.column() == Refinement) {
            return item.refinement; // "applied (kernel 23 px, ...)", "skipped (...)"
        }
    } else if (role == Qt::ForegroundRole && index.column() == State) {
        if (problem) {
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        }
        if (item.state == ItemState::Done) {
            return QBrush(QColor(0x26, 0xa2, 0x69));
        }
    } else if (role == Qt::TextAlignmentRole && index.column() == Time) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant BatchQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Photo:
        return tr("Photo");
    case State:
        return tr("State");
    case Result:
        return tr("Output or reason");
    case Time:
        return tr("Time");
    case Refinement:
        return tr("Shake refinement");
    }
    return {};
}

} // namespace unblur::ui
