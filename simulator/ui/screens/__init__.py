"""The trainee window's screens, one view each (``handle_event``, ``update``, ``draw``): start, call, debrief.

A screen gets the :class:`~simulator.ui.trainee.TraineeApp` it belongs to
(strings, status line, voice, ``take_call``/``end_call``/``retry``) and,
for the call and the debrief, the :class:`~simulator.dialogue.session.Call`
it shows. Screens never import the app module (no import cycle).
"""

from simulator.ui.screens.call import CallScreen
from simulator.ui.screens.debrief import DebriefScreen
from simulator.ui.screens.start import StartScreen

__all__ = ["CallScreen", "DebriefScreen", "StartScreen"]
