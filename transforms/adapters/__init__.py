"""Built-in source adapters; `registry.load_adapters` adds installed plugins."""

from __future__ import annotations

from newsnorm.transforms.adapters.afp import AfpAdapter
from newsnorm.transforms.adapters.ap import ApAdapter
from newsnorm.transforms.adapters.base import RuleAdapter, SourceAdapter
from newsnorm.transforms.adapters.bloomberg import BloombergAdapter
from newsnorm.transforms.adapters.calmatters import CalMattersAdapter
from newsnorm.transforms.adapters.capital_b import CapitalBAdapter
from newsnorm.transforms.adapters.center_square import CenterSquareAdapter
from newsnorm.transforms.adapters.chalkbeat import ChalkbeatAdapter
from newsnorm.transforms.adapters.cnn import CnnAdapter
from newsnorm.transforms.adapters.conversation import ConversationAdapter
from newsnorm.transforms.adapters.creators import CreatorsAdapter
from newsnorm.transforms.adapters.dcnf import DcnfAdapter
from newsnorm.transforms.adapters.dpa import DpaAdapter
from newsnorm.transforms.adapters.generic import GenericAdapter
from newsnorm.transforms.adapters.grist import GristAdapter
from newsnorm.transforms.adapters.inn_newspack import InnNewspackAdapter
from newsnorm.transforms.adapters.inside_climate_news import InsideClimateNewsAdapter
from newsnorm.transforms.adapters.kff_health_news import KffHealthNewsAdapter
from newsnorm.transforms.adapters.mississippi_today import MississippiTodayAdapter
from newsnorm.transforms.adapters.propublica import ProPublicaAdapter
from newsnorm.transforms.adapters.reuters import ReutersAdapter
from newsnorm.transforms.adapters.stacker import StackerAdapter
from newsnorm.transforms.adapters.statepoint import StatePointAdapter
from newsnorm.transforms.adapters.states_newsroom import StatesNewsroomAdapter
from newsnorm.transforms.adapters.texas_tribune import TexasTribuneAdapter
from newsnorm.transforms.adapters.the_19th import The19thAdapter
from newsnorm.transforms.adapters.tribune_content_agency import TribuneContentAgencyAdapter

BUILTIN: tuple[type[SourceAdapter], ...] = (
    DcnfAdapter,
    ConversationAdapter,
    ProPublicaAdapter,
    KffHealthNewsAdapter,
    ApAdapter,
    ReutersAdapter,
    AfpAdapter,
    DpaAdapter,
    CnnAdapter,
    BloombergAdapter,
    TribuneContentAgencyAdapter,
    CreatorsAdapter,
    StackerAdapter,
    StatePointAdapter,
    ChalkbeatAdapter,
    CapitalBAdapter,
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
