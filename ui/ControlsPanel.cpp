#include "ControlsPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <algorithm>

namespace unblur::ui {

ControlsPanel::ControlsPanel(QWidget* parent) : QWidget(parent)
{
    m_model = new QComboBox(this);
    m_model->setToolTip(tr("The HI-Diff model that restores the photo"));
    m_model->setAccessibleName(tr("Model"));
    m_addModel = new QPushButton(tr("Add model…"), this);
    m_addModel->setToolTip(tr("Add a folder holding net_g.pth, net_le_dm.pth and net_d.pth "
                              "(published HI-Diff checkpoints)"));
    m_addModel->setAccessibleName(tr("Add model folder"));

    m_device = new QComboBox(this);
    m_device->setAccessibleName(tr("Device"));
    m_device->setToolTip(tr("Where the model runs; Auto takes a CUDA GPU when there is one"));
    m_device->addItem(tr("Auto"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_deviceNote = new QLabel(this);
    m_deviceNote->setWordWrap(true);
    m_deviceNote->setForegroundRole(QPalette::PlaceholderText);

    m_precision = new QComboBox(this);
    m_precision->setAccessibleName(tr("Precision"));
    m_precision->setToolTip(tr("Arithmetic precision; half precision is faster on GPUs. Auto "
                               "takes bfloat16 on a CPU with bf16 instructions where it "
                               "measures faster, else full precision"));
    m_precision->addItem(tr("Auto"), QStringLiteral("auto"));
    m_precision->addItem(tr("Full (fp32)"), QStringLiteral("fp32"));
    m_precision->addItem(tr("Half (fp16)"), QStringLiteral("fp16"));
    m_precision->addItem(tr("bfloat16"), QStringLiteral("bf16"));

    m_tile = new QComboBox(this);
    m_tile->setAccessibleName(tr("Tile size"));
    m_tile->setToolTip(tr("Large photos are restored in overlapping tiles; Auto picks the "
                          "largest that fits the memory"));
    m_tile->addItem(tr("Auto"), 0);
    for (int size : {128, 256, 384, 512, 768, 1024}) {
        m_tile->addItem(tr("%1 px").arg(size), size);
    }

    m_refine = new QComboBox(this);
    m_refine->setObjectName(QStringLiteral("refineCombo"));
    m_refine->setAccessibleName(tr("Shake refinement"));
    m_refine->setToolTip(tr("After the network, estimate the camera shake's blur kernel and "
                            "sharpen further where it holds (Auto), always (On), or never (Off)"));
    m_refine->addItem(tr("Auto"), QStringLiteral("auto"));
    m_refine->addItem(tr("On"), QStringLiteral("on"));
    m_refine->addItem(tr("Off"), QStringLiteral("off"));
    m_kernel = new QLabel(this);
    m_kernel->setObjectName(QStringLiteral("kernelInset"));
    m_kernel->setAccessibleName(tr("Estimated blur kernel"));
    m_kernel->setVisible(false);
    m_protectSharp = new QCheckBox(tr("Pr&otect sharp areas"), this);
    m_protectSharp->setObjectName(QStringLiteral("protectSharpCheck"));
    m_protectSharp->setChecked(true); // on by default, as AppSettings::ProtectSharp
    m_protectSharp->setToolTip(tr("Keep the parts of the photo that are in focus, and soft "
                                  "backgrounds, as they were: the restored photo is blended with "
                                  "the original through the blur map, so only blurred parts "
                                  "change"));
    m_views = new QComboBox(this);
    m_views->setAccessibleName(tr("Self-ensemble"));
    m_views->setToolTip(tr("Also restore the photo mirrored and turned, and average the "
                           "results: often slightly cleaner, as many times slower as views"));
    m_views->addItem(tr("Off"), 1);
    for (int views : {2, 4, 8}) {
        m_views->addItem(tr("%1 views (%1× slower)").arg(views), views);
    }

    m_strength = new QSlider(Qt::Horizontal, this);
    m_strength->setRange(0, 100);
    m_strength->setValue(100);
    m_strength->setAccessibleName(tr("Strength"));
    m_strength->setToolTip(tr("Blend of the restored photo and the original: 100 % is fully "
                              "restored"));
    m_strengthBox = new QSpinBox(this);
    m_strengthBox->setRange(0, 100);
    m_strengthBox->setSuffix(QStringLiteral(" %"));
    m_strengthBox->setValue(100);
    m_strengthBox->setAccessibleName(tr("Strength percent"));
    auto* strengthRow = new QHBoxLayout;
    strengthRow->addWidget(m_strength, 1);
    strengthRow->addWidget(m_strengthBox);

    m_preview = new QPushButton(tr("P&review"), this);
    m_preview->setObjectName(QStringLiteral("previewButton"));
    m_preview->setDefault(true);
    // Shortcuts in the user's keyboard names ("Strg+R" in German).
    const auto keys = [](const QKeySequence& key) {
        return key.toString(QKeySequence::NativeText);
    };
    m_preview->setToolTip(tr("Deblur the part of the photo on screen in a few seconds; the "
                             "preview follows as you pan or zoom (%1)")
                              .arg(keys(QKeySequence(Qt::Key_P))));
    m_preview->setAccessibleName(tr("Preview"));
    m_deblur = new QPushButton(tr("&Deblur whole photo"), this);
    m_deblur->setObjectName(QStringLiteral("deblurButton"));
    m_deblur->setToolTip(tr("Deblur the whole photo with the chosen model (%1)")
                             .arg(keys(QKeySequence(Qt::CTRL | Qt::Key_R))));
    m_deblur->setAccessibleName(tr("Deblur whole photo"));
    m_variation = new QPushButton(tr("Another &variation"), this);
    m_variation->setToolTip(tr("Deblur again with new diffusion noise (a new seed)"));
    m_variation->setAccessibleName(tr("Another variation"));

    // Rows holding layouts get explicit labels so their mnemonics reach the combo boxes.
    const auto label = [this](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    auto* form = new QFormLayout;
    auto* modelRow = new QVBoxLayout;
    modelRow->addWidget(m_model);
    modelRow->addWidget(m_addModel, 0, Qt::AlignRight);
    form->addRow(label(tr("&Model:"), m_model), modelRow);
    auto* deviceRow = new QVBoxLayout;
    deviceRow->addWidget(m_device);
    deviceRow->addWidget(m_deviceNote);
    form->addRow(label(tr("De&vice:"), m_device), deviceRow);
    form->addRow(tr("&Precision:"), m_precision);
    form->addRow(tr("&Tile size:"), m_tile);
    form->addRow(tr("&Ensemble:"), m_views);
    auto* refineRow = new QVBoxLayout;
    refineRow->addWidget(m_refine);
    refineRow->addWidget(m_kernel);
    form->addRow(label(tr("S&hake refinement:"), m_refine), refineRow);
    form->addRow(static_cast<QWidget*>(nullptr), m_protectSharp);
    form->addRow(label(tr("&Strength:"), m_strength), strengthRow);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addWidget(m_preview);
    layout->addWidget(m_deblur);
    layout->addWidget(m_variation);
    layout->addStretch(1);

    connect(m_model, &QComboBox::activated, this,
            [this](int index) { Q_EMIT modelChosen(m_model->itemData(index).toString()); });
    connect(m_addModel, &QPushButton::clicked, this, &ControlsPanel::addModelRequested);
    connect(m_device, &QComboBox::currentIndexChanged, this, &ControlsPanel::optionsChanged);
    connect(m_tile, &QComboBox::currentIndexChanged, this, &ControlsPanel::optionsChanged);
    connect(m_precision, &QComboBox::currentIndexChanged, this, &ControlsPanel::optionsChanged);
    connect(m_views, &QComboBox::currentIndexChanged, this, &ControlsPanel::optionsChanged);
    connect(m_refine, &QComboBox::currentIndexChanged, this, &ControlsPanel::optionsChanged);
    connect(m_protectSharp, &QCheckBox::toggled, this, &ControlsPanel::optionsChanged);
    connect(m_strength, &QSlider::valueChanged, m_strengthBox, &QSpinBox::setValue);
    connect(m_strengthBox, &QSpinBox::valueChanged, m_strength, &QSlider::setValue);
    connect(m_strength, &QSlider::valueChanged, this, &ControlsPanel::strengthChanged);
    connect(m_preview, &QPushButton::clicked, this, &ControlsPanel::previewRequested);
    connect(m_deblur, &QPushButton::clicked, this, &ControlsPanel::deblurRequested);
    connect(m_variation, &QPushButton::clicked, this, &ControlsPanel::variationRequested);
    setState(false, false, false, false);
}

int ControlsPanel::addModel(const QString& name, const QString& folder)
{
    int index = m_model->findData(folder);
    if (index < 0) {
        m_model->addItem(name, folder);
        index = m_model->count() - 1;
        m_model->setItemData(index, folder, Qt::ToolTipRole);
    }
    return index;
}

void ControlsPanel::removeModel(const QString& folder)
{
    const int index = m_model->findData(folder);
    if (index >= 0) {
        m_model->removeItem(index);
    }
}

void ControlsPanel::selectModel(const QString& folder)
{
    const int index = m_model->findData(folder);
    if (index >= 0) {
        m_model->setCurrentIndex(index);
    }
}

QString ControlsPanel::modelFolder() const
{
    return m_model->currentData().toString();
}

QStringList ControlsPanel::modelFolders() const
{
    QStringList folders;
    for (int i = 0; i < m_model->count(); ++i) {
        folders << m_model->itemData(i).toString();
    }
    return folders;
}

void ControlsPanel::setCudaDevices(const QStringList& names, const QString& reason)
{
    auto* items = qobject_cast<QStandardItemModel*>(m_device->model());
    if (names.isEmpty()) {
        m_device->addItem(tr("CUDA"), QStringLiteral("cuda"));
        QStandardItem* item = items->item(m_device->count() - 1);
        item->setEnabled(false);
        item->setToolTip(reason);
        m_deviceNote->setText(tr("CUDA unavailable: %1").arg(reason));
        auto* precisions = qobject_cast<QStandardItemModel*>(m_precision->model());
        QStandardItem* half = precisions->item(m_precision->findData(QStringLiteral("fp16")));
        half->setEnabled(false);
        half->setToolTip(tr("Half precision needs a CUDA GPU: %1").arg(reason));
        return;
    }
    for (int i = 0; i < names.size(); ++i) {
        m_device->addItem(names.at(i), QStringLiteral("cuda:%1").arg(i));
    }
    m_deviceNote->clear();
}

QString ControlsPanel::precision() const
{
    return m_precision->currentData().toString();
}

void ControlsPanel::setPrecision(const QString& precision)
{
    const int index = m_precision->findData(precision);
    auto* items = qobject_cast<QStandardItemModel*>(m_precision->model());
    if (index >= 0 && items->item(index)->isEnabled()) {
        m_precision->setCurrentIndex(index);
    }
}

void ControlsPanel::setAutomaticPrecision(const QString& precision)
{
    const QString name = precision == QLatin1String("bf16")   ? QStringLiteral("bfloat16")
                         : precision == QLatin1String("fp16") ? QStringLiteral("float16")
                                                              : QStringLiteral("float32");
    m_precision->setItemText(m_precision->findData(QStringLiteral("auto")),
                             precision.isEmpty() ? tr("Auto") : tr("Auto (%1)").arg(name));
}

QString ControlsPanel::device() const
{
    return m_device->currentData().toString();
}

void ControlsPanel::setDevice(const QString& device)
{
    const int index = m_device->findData(device);
    auto* items = qobject_cast<QStandardItemModel*>(m_device->model());
    if (index >= 0 && items->item(index)->isEnabled()) {
        m_device->setCurrentIndex(index);
    }
}

int ControlsPanel::tileSize() const
{
    return m_tile->currentData().toInt();
}

void ControlsPanel::setTileSize(int pixels)
{
    int index = m_tile->findData(pixels);
    if (index < 0) {
        m_tile->addItem(tr("%1 px").arg(pixels), pixels);
        index = m_tile->count() - 1;
    }
    m_tile->setCurrentIndex(index);
}

void ControlsPanel::setAutomaticTileSize(int pixels)
{
    m_tile->setItemText(0, pixels > 0 ? tr("Auto (%1 px)").arg(pixels) : tr("Auto"));
}

restore::RestoreOptions ControlsPanel::restoreOptions() const
{
    restore::RestoreOptions options;
    options.engine.device = device().toStdString();
    options.engine.precision = engine::parsePrecision(precision().toStdString());
    options.engine.tileSize = tileSize();
    options.engine.views = views();
    options.refine = refine::parseRefineMode(refine().toStdString());
    options.protectSharp = protectSharp();
    return options;
}

bool ControlsPanel::protectSharp() const
{
    return m_protectSharp->isChecked();
}

void ControlsPanel::setProtectSharp(bool on)
{
    m_protectSharp->setChecked(on);
}

QString ControlsPanel::refine() const
{
    return m_refine->currentData().toString();
}

void ControlsPanel::setRefine(const QString& mode)
{
    const int index = m_refine->findData(mode);
    m_refine->setCurrentIndex(index >= 0 ? index : 0);
}

void ControlsPanel::showKernel(const QImage& kernel, const QString& caption)
{
    if (kernel.isNull()) {
        m_kernel->clear();
        m_kernel->setVisible(false);
        return;
    }
    // Pixels kept sharp: a kernel is a few dozen pixels, shown at least 96 px wide.
    const int scale = std::max(1, 96 / std::max(kernel.width(), kernel.height()));
    m_kernel->setPixmap(QPixmap::fromImage(
        kernel.scaled(kernel.size() * scale, Qt::KeepAspectRatio, Qt::FastTransformation)));
    m_kernel->setToolTip(caption);
    m_kernel->setVisible(true);
}

int ControlsPanel::views() const
{
    return m_views->currentData().toInt();
}

void ControlsPanel::setViews(int views)
{
    const int index = m_views->findData(views);
    m_views->setCurrentIndex(index >= 0 ? index : 0);
}

int ControlsPanel::strength() const
{
    return m_strength->value();
}

void ControlsPanel::setStrength(int percent)
{
    m_strength->setValue(percent);
}

void ControlsPanel::setState(bool hasPhoto, bool hasResult, bool busy, bool hasPreview)
{
    m_preview->setEnabled(hasPhoto && !busy && !hasResult);
    m_deblur->setEnabled(hasPhoto && !busy);
    m_deblur->setText(hasPreview && !hasResult ? tr("&Apply to whole photo")
                                               : tr("&Deblur whole photo"));
    m_variation->setEnabled(hasResult && !busy);
    m_strength->setEnabled(hasResult || hasPreview);
    m_strengthBox->setEnabled(hasResult || hasPreview);
    m_model->setEnabled(!busy);
    m_addModel->setEnabled(!busy);
    m_device->setEnabled(!busy);
    m_tile->setEnabled(!busy);
    m_views->setEnabled(!busy);
    m_refine->setEnabled(!busy);
    m_protectSharp->setEnabled(!busy);
    m_precision->setEnabled(!busy);
}

} // namespace unblur::ui
