#pragma once

// actionIcon: a toolbar or menu icon from resources/icons/actions (resources/icons/actions.qrc),
// drawn in the palette's text colour so that it reads on light and dark themes alike, and sharp at
// any device pixel ratio (the SVG is rendered per size, not scaled from a bitmap).

#include <QIcon>
#include <QPalette>
#include <QString>

namespace pindex::ui {

// `name` without extension, e.g. "add". A null icon when there is no such file.
[[nodiscard]] QIcon actionIcon(const QString& name, const QPalette& palette);

} // namespace pindex::ui
