#include "BlurScorer.h"

#include "ThreadPriority.h"
#include "blur/BlurAnalyzer.h"
#include "io/PhotoReader.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace unblur::ui {

namespace {

BlurScore toScore(const blur::BlurAssessment& assessment)
{
    BlurScore score;
    score.score = assessment.score;
    score.blurry = assessment.blurry;
    score.measurable = assessment.measurable;
    score.kind = QLatin1String(blur::blurKindName(assessment.kind));
    score.note = QString::fromStdString(assessment.note);
    return score;
}

} // namespace

BlurScorer::BlurScorer(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<BlurScore>();
    m_photos.setMaxThreadCount(1);
    m_files.setMaxThreadCount(1);
}

BlurScorer::~BlurScorer()
{
    m_files.clear();
    m_photos.clear();
    m_files.waitForDone();
    m_photos.waitForDone();
}

void BlurScorer::scorePhoto(const PhotoPtr& photo)
{
    const int generation = ++m_generation;
    m_photos.clear(); // an older photo not started yet is of no use any more
    if (!photo) {
        return;
    }
    const blur::BlurSettings settings = m_settings;
    m_photos.start([this, photo, generation, settings] {
        yieldToGui();
        BlurScore score;
        try {
            const blur::BlurAssessment assessment =
                blur::BlurAnalyzer(settings).assess(photo->image);
            score = toScore(assessment);
            score.overlay = overlayImage(assessment.blurMap, settings.threshold);
        } catch (const std::exception& e) {
            score.note = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(this, [this, photo, score, generation] {
            if (generation == m_generation) {
                Q_EMIT photoScored(photo, score);
            }
        });
    });
}

void BlurScorer::scoreFile(const QString& path)
{
    const blur::BlurSettings settings = m_settings;
    m_files.start([this, path, settings] {
        yieldToGui();
        BlurScore score;
        try {
            const io::Photo photo = io::readPhoto(path.toStdString());
            score = toScore(blur::BlurAnalyzer(settings).assess(photo.image));
        } catch (const std::exception& e) {
            score.note = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(this, [this, path, score] { Q_EMIT fileScored(path, score); });
    });
}

void BlurScorer::clearFiles()
{
    m_files.clear();
}

double BlurScorer::threshold()
{
    return blur::BlurSettings().threshold;
}

QString BlurScorer::statusText(const BlurScore& score)
{
    if (!score.measurable) {
        return score.note.isEmpty() ? tr("Blur: not measurable")
                                    : tr("Blur: not measurable (%1)").arg(score.note);
    }
    const QString value = QLocale().toString(score.score, 'f', 2);
    if (!score.blurry) {
        return tr("Blur %1 (sharp)").arg(value);
    }
    if (score.kind == QLatin1String("shake")) {
        return tr("Blur %1 (blurry, shake)").arg(value);
    }
    if (score.kind == QLatin1String("defocus")) {
        return tr("Blur %1 (blurry, defocus)").arg(value);
    }
    return tr("Blur %1 (blurry)").arg(value);
}

QImage BlurScorer::overlayImage(const io::FloatImage& map, double threshold)
{
    if (map.width <= 0 || map.height <= 0 || map.channels != 1 ||
        map.pixels.size() < map.sampleCount()) {
        return {};
    }
    // Clear below a little under the threshold, fully tinted a little above it.
    const double low = threshold - 0.2;
    const double high = threshold + 0.2;
    QImage image(map.width, map.height, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < map.height; ++y) {
        auto* row = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < map.width; ++x) {
            const double blur = map.pixels[size_t(y) * size_t(map.width) + size_t(x)];
            const double t = std::clamp((blur - low) / (high - low), 0.0, 1.0);
            const int alpha = int(std::lround(170.0 * t));
            row[x] = qPremultiply(qRgba(230, 30, 40, alpha));
        }
    }
    return image;
}

} // namespace unblur::ui
