#include "BatchQueueModel.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
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

void BatchQueueModel::setScore(const QString& input, const BlurScore& score)
{
    BlurScore kept = score;
    kept.overlay = QImage();
    m_scores.insert(input, kept);
    for (size_t i = 0; i < m_items.size(); ++i) {
        if (m_items[i].input == input) {
            Q_EMIT dataChanged(index(int(i), Blur), index(int(i), Blur));
        }
    }
}

double BatchQueueModel::blur(int row) const
{
    if (row < 0 || row >= int(m_items.size())) {
        return -1;
    }
    const batch::BatchItem& item = m_items[size_t(row)];
    if (item.blur >= 0) {
        return item.blur;
    }
    const auto known = m_scores.constFind(item.input);
    return known != m_scores.constEnd() && known->measurable ? known->score : -1;
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
    const double blurScore = blur(index.row());
    if (role == Qt::UserRole) { // the sort key
        switch (index.column()) {
        case Blur:
            return blurScore;
        case Time:
            return item.seconds;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Photo:
            return QDir::toNativeSeparators(item.relative);
        case State:
            return item.state == ItemState::Cancelled &&
                           item.reason.startsWith(QLatin1String("not started"))
                       ? tr("Not started")
                       : stateText(item.state);
        case Blur:
            if (blurScore >= 0) {
                return QLocale().toString(blurScore, 'f', 2);
            }
            // A photo the run restored was measured: it could not be.
            return m_scores.contains(item.input) || item.state == ItemState::Done ? tr("n/a")
                                                                                  : QString();
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
        if (index.column() == Blur) {
            if (blurScore >= 0) {
                const QString threshold = QLocale().toString(BlurScorer::threshold(), 'f', 2);
                return blurScore >= BlurScorer::threshold()
                           ? tr("Blurry (%1 or more)").arg(threshold)
                           : tr("Sharp (below %1)").arg(threshold);
            }
            const BlurScore known = m_scores.value(item.input);
            return known.note.isEmpty() ? QVariant() : QVariant(known.note);
        }
    } else if (role == Qt::ForegroundRole && index.column() == State) {
        if (problem) {
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        }
        if (item.state == ItemState::Done) {
            return QBrush(QColor(0x26, 0xa2, 0x69));
        }
    } else if (role == Qt::ForegroundRole && index.column() == Blur &&
               blurScore >= BlurScorer::threshold()) {
        return QBrush(QColor(0xc6, 0x46, 0x00)); // blurry: orange
    } else if (role == Qt::TextAlignmentRole &&
               (index.column() == Time || index.column() == Blur)) {
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
    case Blur:
        return tr("Blur");
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
