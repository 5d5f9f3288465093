"""What the AT-SPI scripts share: the buttons of the check-in, by name, and
finding neckguide's window and its widgets on the accessibility bus."""

import pyatspi

# Pressed in order, they answer the check-in (pain 2, No to the arm question
# and to every warning sign) and start the session.
CHECK_IN = [
    "Pain 2 of 10",
    "None: Where is any numbness, tingling or weakness in your arm or hand?",
    "No: Is the weakness or numbness in your arm or hand getting worse?",
    "No: Do you have any problems controlling your bladder or bowel?",
    "No: Do you have fever, chills, or unexplained weight loss with your neck pain?",
    "No: Is your pain persistent or worse despite two weeks of rest and "
    "over-the-counter measures?",
    "Start exercises",
]


def frame():
    """The app's window: a frame whose name starts with "neckguide"."""
    for app in pyatspi.Registry.getDesktop(0):
        if app is None:
            continue
        for child in app:
            if child is not None and (child.name or "").startswith("neckguide"):
                return child
    return None


def find(root, pred):
    """The first widget below `root` for which `pred` is true."""
    return pyatspi.findDescendant(root, pred)


def by_name(root, name):
    return find(root, lambda a: (a.name or "") == name)


def extents(acc):
    e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return (e.x, e.y, e.width, e.height)
