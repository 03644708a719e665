#pragma once

#include "BlurScorer.h"
#include "batch/BatchReport.h"

#include <QAbstractTableModel>
#include <QHash>
#include <vector>

namespace unblur::ui {

/**
 * The queue of a batch as a table: photo, state, blur score, result (output or reason), time,
 * and whether the shake refinement was applied. Qt::UserRole gives each column's sort key (the
 * blur as a number, -1 while unknown).
 */
class BatchQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Photo,
        State,
        Blur, ///< the item's blur from the run, else the one measured when it was added
        Result,
        Time,
        Refinement, ///< what the shake refinement did
        ColumnCount
    };

    explicit BatchQueueModel(QObject* parent = nullptr);

    void setItems(const std::vector<batch::BatchItem>& items);
    void setItem(int index, const batch::BatchItem& item);
    const std::vector<batch::BatchItem>& items() const { return m_items; }
    int count(batch::ItemState state) const;
    /** A photo's blur measured outside a run (BlurScorer), shown until a run reports one. */
    void setScore(const QString& input, const BlurScore& score);
    bool hasScore(const QString& input) const { return m_scores.contains(input); }
    /** Row `row`'s blur score; -1 while not measured or not measurable. */
    double blur(int row) const;

    /** The state as the user reads it ("Done", "Failed"...). */
    static QString stateText(batch::ItemState state);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<batch::BatchItem> m_items;
    QHash<QString, BlurScore> m_scores; ///< by input path; overlays not kept
};

} // namespace unblur::ui
