#include "ui/icons.h"

#include <QFile>
#include <QGuiApplication>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

// Q_INIT_RESOURCE must be called outside any namespace; the .qrc lives in a static library.
static void initActionIcons()
{
    Q_INIT_RESOURCE(actions);
}

namespace pindex::ui {

QIcon actionIcon(const QString& name, const QPalette& palette)
{
    static const bool initialised = (initActionIcons(), true);
    Q_UNUSED(initialised)
    QFile file(QStringLiteral(":/icons/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray svg = file.readAll();
    QIcon icon;
    const qreal ratio = qGuiApp != nullptr ? qGuiApp->devicePixelRatio() : 1.0;
    const struct
    {
        QIcon::Mode mode;
        QPalette::ColorGroup group;
    } states[] = {{QIcon::Normal, QPalette::Active}, {QIcon::Disabled, QPalette::Disabled}};
    for (const auto& state : states) {
        QByteArray coloured = svg;
        coloured.replace("currentColor", palette.color(state.group, QPalette::WindowText).name().toLatin1());
        QSvgRenderer renderer(coloured);
        for (const int size : {16, 22, 24, 32, 48}) {
            QPixmap pixmap(QSize(size, size) * ratio);
            pixmap.setDevicePixelRatio(ratio);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            renderer.render(&painter, QRectF(0, 0, size, size));
            painter.end();
            icon.addPixmap(pixmap, state.mode);
        }
    }
    return icon;
}

} // namespace pindex::ui
