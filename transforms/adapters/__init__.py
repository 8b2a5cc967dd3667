"""Built-in source adapters; `registry.load_adapters` adds installed plugins."""

from __future__ import annotations

from transforms.adapters.ap import ApAdapter
from transforms.adapters.base import RuleAdapter, SourceAdapter
from transforms.adapters.calmatters import CalMattersAdapter
from transforms.adapters.center_square import CenterSquareAdapter
from transforms.adapters.conversation import ConversationAdapter
from transforms.adapters.dcnf import DcnfAdapter
from transforms.adapters.generic import GenericAdapter
from transforms.adapters.grist import GristAdapter
from transforms.adapters.inn_newspack import InnNewspackAdapter
from transforms.adapters.inside_climate_news import InsideClimateNewsAdapter
from transforms.adapters.kff_health_news import KffHealthNewsAdapter
from transforms.adapters.mississippi_today import MississippiTodayAdapter
from transforms.adapters.propublica import ProPublicaAdapter
from transforms.adapters.reuters import ReutersAdapter
from transforms.adapters.states_newsroom import StatesNewsroomAdapter
from transforms.adapters.texas_tribune import TexasTribuneAdapter
from transforms.adapters.the_19th import The19thAdapter

BUILTIN: tuple[type[SourceAdapter], ...] = (
    DcnfAdapter,
    ConversationAdapter,
    ProPublicaAdapter,
    KffHealthNewsAdapter,
    ApAdapter,
    ReutersAdapter,
    CenterSquareAdapter,
    GristAdapter,
    InsideClimateNewsAdapter,
    The19thAdapter,
    InnNewspackAdapter,
    MississippiTodayAdapter,
    CalMattersAdapter,
    StatesNewsroomAdapter,
    TexasTribuneAdapter,
    GenericAdapter,
)

__all__ = ["BUILTIN", "RuleAdapter", "SourceAdapter"]
