#pragma once

#include "restore/RestoreOptions.h"

#include <QImage>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace unblur::ui {

/**
 * The deblur settings beside the photo: model (bundled ones plus "Add model…"), device,
 * tile size, strength (live blend of restored and original), Preview, Deblur whole photo and
 * "another variation".
 */
class ControlsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ControlsPanel(QWidget* parent = nullptr);

    /** Adds (or selects, when present) a model entry; returns its index. */
    int addModel(const QString& name, const QString& folder);
    void removeModel(const QString& folder);
    void selectModel(const QString& folder);
    QString modelFolder() const;
    QStringList modelFolders() const;

    /** GPUs found; an empty list greys CUDA out with `reason` as its tooltip. */
    void setCudaDevices(const QStringList& names, const QString& reason);
    QString device() const; ///< "auto", "cpu" or "cuda:N"
    void setDevice(const QString& device);

    QString precision() const; ///< "auto", "fp32", "fp16" or "bf16"
    void setPrecision(const QString& precision);
    /** What "Auto" picked in the last run ("fp32", "bf16"), shown beside it; empty: none yet. */
    void setAutomaticPrecision(const QString& precision);

    int tileSize() const; ///< 0 for Auto
    void setTileSize(int pixels);
    /** What "Auto" picked in the last run, shown beside it. */
    void setAutomaticTileSize(int pixels);

    /** Self-ensemble views: 1 (off), 2, 4 or 8. */
    int views() const;
    void setViews(int views);

    /** Camera-shake refinement: "auto", "on" or "off". */
    QString refine() const;
    void setRefine(const QString& mode);
    /**
     * Shows the blur kernel the refinement estimated and applied (`kernel` a grey image whose
     * brightest pixel is white), or hides the inset when null.
     */
    void showKernel(const QImage& kernel, const QString& caption);

    /**
     * Protect sharp areas: the restored photo is blended with the original through the blur
     * map (RestoreOptions::protectSharp).
     */
    bool protectSharp() const;
    void setProtectSharp(bool on);

    /**
     * Device, precision, tiles, views, refinement and protect-sharp as chosen here (the seed
     * is the caller's).
     */
    restore::RestoreOptions restoreOptions() const;

    int strength() const; ///< 0..100
    void setStrength(int percent);

    /**
     * Enables what makes sense: photo present, a whole-photo result present, a run going, a
     * preview of some parts shown (then Deblur reads "Apply to whole photo").
     */
    void setState(bool hasPhoto, bool hasResult, bool busy, bool hasPreview);

Q_SIGNALS:
    void modelChosen(const QString& folder);
    void addModelRequested();
    void strengthChanged(int percent);
    void deblurRequested();
    void previewRequested();
    void variationRequested();
    void optionsChanged();

private:
    QComboBox* m_model;
    QPushButton* m_addModel;
    QComboBox* m_device;
    QComboBox* m_precision;
    QComboBox* m_tile;
    QComboBox* m_views;
    QComboBox* m_refine;
    QLabel* m_kernel;
    QCheckBox* m_protectSharp;
    QSlider* m_strength;
    QSpinBox* m_strengthBox;
    QPushButton* m_preview;
    QPushButton* m_deblur;
    QPushButton* m_variation;
    QLabel* m_deviceNote;
};

} // namespace unblur::ui
