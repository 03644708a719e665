#pragma once

#include "batch/BatchReport.h"

#include <QAbstractTableModel>
#include <vector>

namespace unblur::ui {

/**
 * The queue of a batch as a table: photo, state, result (output or reason), time, and whether
 * the shake refinement was applied.
 */
class BatchQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Photo,
        State,
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

    /** The state as the user reads it ("Done", "Failed"...). */
    static QString stateText(batch::ItemState state);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<batch::BatchItem> m_items;
};

} // namespace unblur::ui
