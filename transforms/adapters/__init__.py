"""Built-in source adapters; `registry.load_adapters` adds installed plugins."""

from __future__ import annotations

from newsnorm.transforms.adapters.ap import ApAdapter
from newsnorm.transforms.adapters.base import RuleAdapter, SourceAdapter
from newsnorm.transforms.adapters.calmatters import CalMattersAdapter
from newsnorm.transforms.adapters.center_square import CenterSquareAdapter
from newsnorm.transforms.adapters.conversation import ConversationAdapter
from newsnorm.transforms.adapters.dcnf import DcnfAdapter
from newsnorm.transforms.adapters.generic import GenericAdapter
from newsnorm.transforms.adapters.grist import GristAdapter
from newsnorm.transforms.adapters.inn_newspack import InnNewspackAdapter
from newsnorm.transforms.adapters.inside_climate_news import InsideClimateNewsAdapter
from newsnorm.transforms.adapters.kff_health_news import KffHealthNewsAdapter
from newsnorm.transforms.adapters.mississippi_today import MississippiTodayAdapter
from newsnorm.transforms.adapters.propublica import ProPublicaAdapter
from newsnorm.transforms.adapters.reuters import ReutersAdapter
from newsnorm.transforms.adapters.states_newsroom import StatesNewsroomAdapter
from newsnorm.transforms.adapters.texas_tribune import TexasTribuneAdapter
from newsnorm.transforms.adapters.the_19th import The19thAdapter

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
