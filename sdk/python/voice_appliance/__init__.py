"""Python client of the voice appliance's REST API (standard library only).

    from voice_appliance import VoiceApplianceClient, ApiError, UploadFile
"""

from ._runtime import ApiError, UploadFile
from .client import VoiceApplianceClient

__all__ = ["ApiError", "UploadFile", "VoiceApplianceClient"]
